import type { ChatAction } from '@aula/jobs';

/** A Chatwoot answer that retrying will not change (401, 404, 422): the reply job gives up on it. */
export class ChatwootRefused extends Error {
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.name = 'ChatwootRefused';
    this.status = status;
  }
}

type Config = { url: string; token: string };

/**
 * One action of a reply on Chatwoot's Application API (`api_access_token` header):
 * `POST …/conversations/:id/messages` (an outgoing message, or a private note),
 * `POST …/conversations/:id/toggle_status`, `POST …/conversations/:id/assignments` (a team).
 * Unreachable, 429 and 5xx throw a plain error (the job retries with backoff); other refusals throw
 * `ChatwootRefused`.
 */
export async function sendChatwootAction(
  config: Config,
  accountId: number,
  conversationId: number,
  action: ChatAction,
): Promise<void> {
  const base = `${config.url}/api/v1/accounts/${accountId}/conversations/${conversationId}`;
  const [path, body] =
    action.kind === 'message'
      ? [
          '/messages',
          { content: action.content, message_type: 'outgoing', private: action.private, content_type: 'text' },
        ]
      : action.kind === 'status'
        ? ['/toggle_status', { status: action.status }]
        : ['/assignments', { team_id: action.teamId }];
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', api_access_token: config.token },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  if (res.ok) {
    await res.arrayBuffer();
    return;
  }
  const text = (await res.text()).slice(0, 300);
  const what = `Chatwoot ${action.kind} → ${res.status} ${text}`;
  if (res.status === 429 || res.status >= 500) throw new Error(what);
  throw new ChatwootRefused(what, res.status);
}
