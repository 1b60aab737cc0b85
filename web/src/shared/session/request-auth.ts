import { readSession } from './session.ts';

type RequestLike = { headers: Headers; cookies: { get(name: string): { value: string } | undefined } };

/**
 * The Directus access token a web API request carries: `Authorization: Bearer <token>` (other
 * clients), else the session cookie (the browser; the middleware has refreshed it if it was expiring).
 */
export function requestToken(request: RequestLike): string | undefined {
  const header = request.headers.get('authorization');
  const bearer = header ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
  return bearer ?? readSession(request.cookies).accessToken;
}
