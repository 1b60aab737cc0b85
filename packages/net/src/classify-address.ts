import ipaddr from 'ipaddr.js';

export type AddressClass = {
  /** The address as checked (an IPv4-mapped IPv6 address as its IPv4 address). */
  address: string;
  /** ipaddr.js's name of the special range the address is in, `unicast` for none. */
  range: string;
  /** Is it an ordinary address on the public internet? */
  public: boolean;
};

/**
 * Where an IP address points. Only ordinary unicast is public; every special-purpose range ipaddr.js
 * knows is not: loopback, private (RFC 1918), link-local (169.254/16 with the cloud metadata
 * service, fe80::/10), CGNAT 100.64/10, unique local fc00::/7 (AWS's fd00:ec2::254), unspecified
 * 0.0.0.0/8 and ::, multicast, broadcast, reserved and documentation ranges, and IPv6 ranges that
 * carry an IPv4 address to a translator (NAT64, 6to4, Teredo). IPv4-mapped IPv6 (::ffff:a.b.c.d)
 * is judged as the IPv4 address it maps to. Anything that does not parse is not public.
 */
export function classifyAddress(address: string): AddressClass {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  } catch {
    return { address, range: 'invalid', public: false };
  }
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  const range = parsed.range();
  return { address: parsed.toString(), range, public: range === 'unicast' };
}

/** Is `host` (a URL's hostname, IPv6 in brackets or not) an IP address rather than a name? */
export function isIpLiteral(host: string): boolean {
  return ipaddr.isValid(host.replace(/^\[|\]$/g, ''));
}
