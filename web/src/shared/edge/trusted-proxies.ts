import { isIP } from 'node:net';
import proxyAddr from 'proxy-addr';

/** Whether the hop at `address` (0 = the one that opened the connection) is a proxy we trust. */
export type Trust = (address: string, hop: number) => boolean;

/**
 * Reads AULA_TRUSTED_PROXIES: addresses, CIDR ranges and proxy-addr's names (`loopback`,
 * `linklocal`, `uniquelocal`), separated by commas or spaces. Empty trusts nobody.
 * Throws on anything proxy-addr cannot read, so a typo stops the start instead of trusting nothing.
 */
export function parseTrustedProxies(value: string | undefined): string[] {
  const list = (value ?? '')
    .split(/[\s,]+/)
    .map((entry) => entry.trim())
    .filter(Boolean);
  proxyAddr.compile(list);
  return list;
}

export function compileTrust(list: readonly string[]): Trust {
  return proxyAddr.compile([...list]);
}

/** Who called, as far as the trusted hops say. */
export type Caller = {
  /** The first address, walking back from the connection, that is not a trusted proxy. */
  ip: string;
  /** Host (with port) the person asked for: X-Forwarded-Host from a trusted proxy, else Host. */
  host: string | undefined;
  /** Whether the person reached the site over https: X-Forwarded-Proto from a trusted proxy, else the socket. */
  https: boolean;
};

type Headers = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined): string | undefined =>
  (Array.isArray(value) ? value.join(',') : value)?.split(',')[0]?.trim() || undefined;

/** `host` or `host:port` as a browser sends it, nothing else (no path, credentials or spaces). */
export function validHost(value: string | undefined): string | undefined {
  if (!value || !/^[A-Za-z0-9.\-:[\]]+$/.test(value)) return undefined;
  // The characters above leave no room for a path, credentials or a second host; URL checks the rest (ports, brackets).
  return URL.canParse(`http://${value}/`) ? value.toLowerCase() : undefined;
}

const unmapped = (ip: string) => (ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip);

/**
 * Resolves the caller of one connection. `X-Forwarded-For` is walked from the right, one trusted hop
 * at a time (proxy-addr, as Express does); `X-Forwarded-Host` and `-Proto` count only when the
 * connection itself comes from a trusted proxy. A made-up header from anyone else changes nothing.
 */
export function resolveCaller({
  remoteAddress,
  encrypted,
  headers,
  trust,
}: {
  remoteAddress: string;
  encrypted: boolean;
  headers: Headers;
  trust: Trust;
}): Caller {
  const forwardedFor = headers['x-forwarded-for'];
  const request = {
    socket: { remoteAddress },
    connection: { remoteAddress },
    headers: { 'x-forwarded-for': Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor },
  };
  // The chain from the connection back to the first untrusted hop; garbage a trusted proxy passed on
  // (not an address) ends it, and then the last hop that is an address is the caller.
  const chain = proxyAddr.all(request as never, trust).filter((address) => isIP(address) !== 0);
  const ip = unmapped(chain.at(-1) ?? remoteAddress);
  const viaProxy = trust(remoteAddress, 0);
  const proto = viaProxy ? first(headers['x-forwarded-proto'])?.toLowerCase() : undefined;
  const forwardedHost = viaProxy ? validHost(first(headers['x-forwarded-host'])) : undefined;
  return {
    ip,
    host: forwardedHost ?? validHost(first(headers.host)),
    https: proto === 'https' || proto === 'http' ? proto === 'https' : encrypted,
  };
}
