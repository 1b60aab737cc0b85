import { isIPv6 } from 'node:net';

/**
 * The key an address is counted under. An IPv4 address is one key; an IPv6 address counts as its /64,
 * the block one subscriber is usually given, so an attacker cannot spread guesses over the 2⁶⁴
 * addresses of their own network. An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is its IPv4 address.
 */
export function addressKey(address: string): string {
  const plain = address.replace(/%.*$/, '');
  if (!isIPv6(plain)) return plain;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(plain);
  if (mapped) return mapped[1]!;
  const [head = '', tail] = plain.split('::');
  const start = head ? head.split(':') : [];
  const end = tail ? tail.split(':') : [];
  // An embedded IPv4 tail (…:1.2.3.4) fills two groups; only the first four groups matter here.
  const groups =
    tail === undefined ? start : [...start, ...Array(Math.max(0, 8 - start.length - end.length)).fill('0'), ...end];
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}
