import { promises as dns } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { OutboundError } from './outbound-error.ts';
import { isAddressAllowed, type OutboundPolicy } from './outbound-policy.ts';

export type ResolvedAddress = { address: string; family: number };
/** Name → addresses; the system resolver by default, a table in tests (no real DNS there). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/**
 * A `lookup` for net/tls.connect: resolves the name, refuses the connection when any of its
 * addresses is not allowed by the policy, and hands the socket the addresses it checked, so the
 * connection goes to exactly what was checked (a DNS answer that changes in between cannot slip a
 * private address in). IP literals never reach a lookup: check them before connecting.
 */
export function createGuardedLookup(policy: OutboundPolicy, resolve: Resolver = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (found) => {
        const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
        const addresses = found.filter((a) => !wanted || a.family === wanted);
        if (addresses.length === 0) {
          callback(dnsError(hostname, 'ENOTFOUND'), '', 0);
          return;
        }
        const refused = addresses.find((a) => !isAddressAllowed(policy, a.address));
        if (refused) {
          const error = new OutboundError(
            'blocked_address',
            `${hostname} resolves to ${refused.address}, not a public address`,
          );
          callback(error as NodeJS.ErrnoException, '', 0);
          return;
        }
        if (options.all) (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(dnsError(hostname, error.code ?? 'ENOTFOUND', error), '', 0),
    );
  };
}

function dnsError(hostname: string, code: string, cause?: unknown): NodeJS.ErrnoException {
  return new OutboundError('dns_error', `${hostname} could not be resolved (${code})`, {
    cause,
  }) as NodeJS.ErrnoException;
}
