import { AulaError } from '@aula/domain';
import type { ChannelsQueue, ChatAction, ChatMessageJob } from '@aula/jobs';
import { createServiceCtx, sharedRedis } from '../../context.ts';
import type { EndpointContext, ItemsOf } from '../../directus.ts';
import { channelsSettings } from '../../env.ts';
import { recordTutorReply, SERVICE_KEY_HEADER } from '../tutor/record-tutor-reply.ts';
import { startTutorTurn } from '../tutor/start-tutor-turn.ts';
import { askTutor } from './ask-tutor.ts';
import { CHATWOOT, chatwootContact, codeIn, findLink, hashCode, type LinkRow } from './channel-links.ts';
import {
  asksForPerson,
  asksToUnlink,
  chatPlainText,
  isAbusive,
  namedLesson,
  soundsUnsure,
  UNSURE_STRIKES,
} from './chat-text.ts';
import { languageOf, SAY } from './chat-words.ts';

type Deps = { endpoint: EndpointContext; queue: () => ChannelsQueue };
type Items = ItemsOf;

/** Why a conversation went to a person (the private note says it first). */
type HandoffReason = 'asked for a person' | 'abusive message' | 'the tutor was unsure or off-topic three times';

/**
 * The `chat-message` job: one message a Chatwoot contact sent. A code links the contact to the
 * student who asked for it; an unlinked contact gets a short explanation and nothing else; a linked
 * one asks the tutor about the lesson they opened last (or named with /leccion), through the same
 * turn as the web (context, limits, daily budget: `startTutorTurn`; the answer stored and the budget
 * settled: `recordTutorReply`), answered as plain text with a link to the lesson. Asking for a person,
 * insults, or three unsure answers in a row hand the conversation to the configured team, and the bot
 * stays silent in it until a person resolves it. What goes back to Chatwoot is a `chat-reply` job.
 */
export async function answerChatMessage({ endpoint, queue }: Deps, job: ChatMessageJob): Promise<void> {
  const startedAt = performance.now();
  const settings = channelsSettings(endpoint.env);
  const schema = await endpoint.getSchema();
  const items: Items = (collection) => new endpoint.services.ItemsService(collection, { schema, accountability: null });
  const links = items('channel_links');
  const contact = chatwootContact(job.accountId, job.contactId);
  const reply = (actions: ChatAction[]) =>
    queue().addReply({
      accountId: job.accountId,
      conversationId: job.conversationId,
      messageId: job.messageId,
      actions,
      done: 0,
    });
  const say = (content: string) => reply([{ kind: 'message', content, private: false }]);

  let link = await findLink(links, CHATWOOT, contact);
  const code = codeIn(job.content);
  // A contact that sent too many wrong codes this hour is not asked about another: no guessing.
  const tries = codeTries(endpoint, contact);
  if (code && (!link || code.hyphen) && (await tries.used()) >= CODE_TRIES_PER_HOUR) return say(SAY.tooManyCodes);
  // A word that merely looks like a code ("ENTENDER") from a linked contact goes on to the tutor.
  const user = code ? await redeemCode(endpoint, code.code) : null;
  if (code && !user && (!link || code.hyphen)) {
    await tries.failed();
    return say(SAY.badCode);
  }
  if (user) {
    if (link)
      await links.updateOne(link.id, {
        user,
        channel: job.channel,
        handoff_conversation: null,
        strikes: 0,
        lesson: null,
        conversation: null,
      });
    else
      await links.createOne({
        user,
        provider: CHATWOOT,
        contact,
        channel: job.channel,
        contact_name: job.contactName ?? null,
      });
    const person = (await items('directus_users').readOne(user, { fields: ['first_name'] })) as {
      first_name?: string | null;
    };
    return say(SAY.linked(person.first_name ?? null));
  }
  if (!link) return say(SAY.notLinked);
  if (asksToUnlink(job.content)) {
    await links.deleteOne(link.id);
    return say(SAY.unlinked);
  }
  // A person has this conversation: the bot says nothing until they resolve it.
  if (link.handoff_conversation === job.conversationId) return;

  const handoff = async (reason: HandoffReason, before: ChatAction[] = []) => {
    await links.updateOne(link!.id, {
      handoff_conversation: job.conversationId,
      handoff_at: new Date().toISOString(),
      strikes: 0,
    });
    const actions: ChatAction[] = [
      ...before,
      { kind: 'message', content: SAY.handoff, private: false },
      { kind: 'message', content: await handoffNote(items, link!, reason, job.content), private: true },
      { kind: 'status', status: 'open' },
    ];
    const team = settings.chatwoot?.teamId;
    if (team) actions.push({ kind: 'team', teamId: team });
    return reply(actions);
  };
  if (asksForPerson(job.content)) return handoff('asked for a person');
  if (isAbusive(job.content)) return handoff('abusive message');

  const named = namedLesson(job.content);
  if (named !== null) {
    const lesson = await findNamedLesson(items, link.user, named);
    if (!lesson) return say(SAY.lessonNotFound);
    await links.updateOne(link.id, { lesson: lesson.id, conversation: null });
    return say(SAY.lessonChosen(lesson.title));
  }
  const lessonId = link.lesson ?? (await lastOpenedLesson(items, link.user));
  if (!lessonId) return say(SAY.noLesson);

  // The web tutor's turn, for the linked student: the tutor's service key says the answer is the tutor's.
  const ctx = await createServiceCtx(endpoint, link.user, {
    [SERVICE_KEY_HEADER]: String(endpoint.env.AULA_TUTOR_SERVICE_KEY ?? ''),
  });
  const conversationId = link.conversation
    ? await sameLessonConversation(items, link.conversation, lessonId)
    : undefined;
  let turn: Awaited<ReturnType<typeof startTutorTurn>>;
  try {
    turn = await startTutorTurn({ ctx, input: { lessonId, conversationId, message: job.content } });
  } catch (error) {
    if (!(error instanceof AulaError)) throw error;
    if (error.code === 'not_found' || error.code === 'forbidden' || error.code === 'conflict') {
      await links.updateOne(link.id, { lesson: null, conversation: null });
      return say(SAY.noLesson);
    }
    const failed = SAY.failed.es;
    return say(
      error.code === 'rate_limited'
        ? failed.rate_limited!
        : error.code === 'unavailable'
          ? failed.unavailable!
          : failed.internal!,
    );
  }
  if (link.conversation !== turn.conversationId) {
    await links.updateOne(link.id, { conversation: turn.conversationId });
    link = { ...link, conversation: turn.conversationId };
  }
  const answer = await askTutor(ctx, turn, job.content, startedAt);
  try {
    await recordTutorReply({ ctx, conversationId: turn.conversationId, input: answer.reply });
  } catch (error) {
    ctx.logger.error(error, 'aula channels: the answer could not be stored');
  }
  const language = languageOf(turn.context.course.language);
  const lessonUrl = await lessonAddress(items, settings.publicUrl, lessonId);
  const text = answer.failure
    ? (SAY.failed[language][answer.failure] ?? SAY.failed[language].internal!)
    : `${chatPlainText(answer.text, lessonUrl)}${lessonUrl ? `\n\n${SAY.lessonLink[language]}: ${lessonUrl}` : ''}`;
  const unsure = answer.failure === 'withdrawn' || (!answer.failure && soundsUnsure(answer.text));
  const strikes = unsure ? (link.strikes ?? 0) + 1 : 0;
  const message: ChatAction = { kind: 'message', content: text.slice(0, 4_000), private: false };
  if (strikes >= UNSURE_STRIKES) return handoff('the tutor was unsure or off-topic three times', [message]);
  if (strikes !== (link.strikes ?? 0)) await links.updateOne(link.id, { strikes });
  return reply([message]);
}

/** Wrong codes a chat contact may send in an hour before its codes are no longer checked. */
const CODE_TRIES_PER_HOUR = 10;

/** The wrong codes a contact sent this hour (Redis, per contact, kept an hour from the first). */
function codeTries(endpoint: EndpointContext, contact: string) {
  const key = `${String(endpoint.env.AULA_REDIS_PREFIX ?? 'aula:')}channels:code-tries:${contact}`;
  return {
    used: async () => Number((await (await sharedRedis(endpoint)).get(key)) ?? 0),
    failed: async () => {
      await (await sharedRedis(endpoint)).multi().set(key, 0, 'EX', 3600, 'NX').incr(key).exec();
    },
  };
}

/**
 * The student a code was made for, once: unknown, expired and used codes are null. One statement marks
 * it used only while it is still unused, so the same code sent from two chats at once links one.
 */
async function redeemCode(endpoint: Deps['endpoint'], code: string): Promise<string | null> {
  const { rows } = await endpoint.database.raw<{ user: string }>(
    'UPDATE channel_link_codes SET used_at = now() WHERE code_hash = ? AND used_at IS NULL AND expires_at > now() RETURNING "user"',
    [hashCode(code)],
  );
  return rows[0]?.user ?? null;
}

/** The lesson the student opened last: their enrolment touched most recently. */
async function lastOpenedLesson(items: Items, user: string): Promise<string | null> {
  const [row] = await items('enrollments').readByQuery({
    filter: { user: { _eq: user }, last_lesson: { _nnull: true } },
    fields: ['last_lesson'],
    sort: ['-date_updated', '-date_created'],
    limit: 1,
  });
  return (row?.last_lesson as string | undefined) ?? null;
}

async function findNamedLesson(items: Items, user: string, title: string) {
  const enrolled = await items('enrollments').readByQuery({
    filter: { user: { _eq: user } },
    fields: ['course'],
    limit: -1,
  });
  if (enrolled.length === 0) return null;
  const [lesson] = await items('lessons').readByQuery({
    // Two conditions on `course`, in `_and`: Directus reads only the first key of a field's filter object.
    filter: {
      _and: [
        { course: { _in: enrolled.map((e) => e.course as string) } },
        { course: { status: { _eq: 'published' } } },
        { title: { _icontains: title } },
      ],
    },
    fields: ['id', 'title'],
    limit: 1,
  });
  return lesson ? { id: lesson.id as string, title: lesson.title as string } : null;
}

async function sameLessonConversation(items: Items, conversationId: string, lessonId: string) {
  const row = await items('tutor_conversations')
    .readOne(conversationId, { fields: ['lesson'] })
    .catch(() => null);
  return row && row.lesson === lessonId ? conversationId : undefined;
}

async function lessonAddress(items: Items, publicUrl: string | null, lessonId: string): Promise<string | null> {
  if (!publicUrl) return null;
  const row = (await items('lessons').readOne(lessonId, { fields: ['slug', 'course.slug'] })) as {
    slug?: string;
    course?: { slug?: string };
  };
  if (!row.slug || !row.course?.slug) return null;
  return `${publicUrl}/cursos/${encodeURIComponent(row.course.slug)}/lecciones/${encodeURIComponent(row.slug)}`;
}

/** The private note for the team: why, who, which lesson, and the last messages of the conversation. */
async function handoffNote(items: Items, link: LinkRow, reason: HandoffReason, message: string): Promise<string> {
  const person = (await items('directus_users').readOne(link.user, {
    fields: ['first_name', 'last_name', 'email'],
  })) as {
    first_name?: string | null;
    last_name?: string | null;
    email?: string | null;
  };
  const lines = [
    `Aula: handed to a person (${reason}).`,
    `Student: ${[person.first_name, person.last_name].filter(Boolean).join(' ') || '—'} <${person.email ?? '—'}>`,
  ];
  if (link.conversation) {
    const conversation = (await items('tutor_conversations')
      .readOne(link.conversation, { fields: ['lesson.title', 'course.title'] })
      .catch(() => null)) as { lesson?: { title?: string }; course?: { title?: string } } | null;
    if (conversation) lines.push(`Lesson: ${conversation.lesson?.title ?? '—'} (${conversation.course?.title ?? '—'})`);
    const recent = await items('tutor_messages').readByQuery({
      filter: { conversation: { _eq: link.conversation } },
      fields: ['role', 'content'],
      sort: ['-date_created'],
      limit: 6,
    });
    if (recent.length > 0) {
      lines.push('Last messages:');
      for (const m of recent.reverse())
        lines.push(
          `- ${m.role === 'user' ? 'student' : 'tutor'}: ${String(m.content ?? '')
            .replace(/\s+/g, ' ')
            .slice(0, 300)}`,
        );
    }
  }
  lines.push(`Message: ${message.replace(/\s+/g, ' ').slice(0, 500)}`);
  return lines.join('\n').slice(0, 4_000);
}
