import ipaddr from 'ipaddr.js';
import { classifyAddress } from './classify-address.ts';

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Which non-public addresses outbound requests may still reach; nothing else non-public is reached. */
export type OutboundPolicy = { readonly allow: readonly Cidr[]; readonly source: string };

export const DENY_ALL_PRIVATE: OutboundPolicy = { allow: [], source: '' };

/**
 * `AULA_OUTBOUND_ALLOW`: a comma list of addresses or CIDR ranges (`127.0.0.1`, `::1`,
 * `10.0.4.0/24`) that outbound requests may reach although they are not public, e.g. the test
 * stacks' emulators on loopback or an n8n on a private network. Empty (the default) allows none.
 * A range covering the whole internet (a /0) is refused: that would switch the guard off.
 */
export function readOutboundPolicy(value: string | undefined): OutboundPolicy {
  const source = (value ?? '').trim();
  const allow: Cidr[] = [];
  for (const entry of source.split(',').map((s) => s.trim())) {
    if (!entry) continue;
    let cidr: Cidr;
    try {
      cidr = entry.includes('/') ? ipaddr.parseCIDR(entry) : single(ipaddr.parse(entry));
    } catch {
      throw new Error(`AULA_OUTBOUND_ALLOW: "${entry}" is not an IP address or CIDR range`);
    }
    if (cidr[1] === 0) throw new Error(`AULA_OUTBOUND_ALLOW: "${entry}" would allow every address`);
    allow.push(cidr);
  }
  return { allow, source };
}

/** May a connection go to this address: public, or inside a range the policy allows. */
export function isAddressAllowed(policy: OutboundPolicy, address: string): boolean {
  const checked = classifyAddress(address);
  if (checked.public) return true;
  if (checked.range === 'invalid') return false;
  const parsed = ipaddr.parse(checked.address);
  return policy.allow.some(([range, bits]) => range.kind() === parsed.kind() && parsed.match(range, bits));
}

function single(address: ipaddr.IPv4 | ipaddr.IPv6): Cidr {
  const plain = address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress();
  const ip = plain ? (address as ipaddr.IPv6).toIPv4Address() : address;
  return [ip, ip.kind() === 'ipv4' ? 32 : 128];
}
