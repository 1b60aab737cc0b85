export type OutboundErrorCode =
  | 'invalid_url'
  | 'unsupported_scheme'
  | 'blocked_address'
  | 'dns_error'
  | 'too_many_redirects'
  | 'too_large'
  | 'timeout'
  | 'aborted'
  | 'network_error';

/** Why an outbound request was refused or failed; `url` is the hop it happened at. */
export class OutboundError extends Error {
  readonly code: OutboundErrorCode;
  readonly url: string | undefined;

  constructor(code: OutboundErrorCode, message: string, options: { url?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OutboundError';
    this.code = code;
    this.url = options.url;
  }
}

/** The first OutboundError in an error's `cause` chain (undici wraps connect errors in "fetch failed"). */
export function findOutboundError(error: unknown): OutboundError | undefined {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof OutboundError) return e;
  }
  return undefined;
}
