import { describe, expect, it } from 'vitest';
import { classifyAddress, isIpLiteral } from './classify-address.ts';

describe('classifyAddress', () => {
  it.each([
    // IPv4
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.10', 'private'],
    ['169.254.169.254', 'linkLocal'], // cloud metadata service
    ['169.254.0.1', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.254', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.0.170', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['198.51.100.7', 'reserved'],
    ['203.0.113.9', 'reserved'],
    // IPv6
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fe80::1%eth0', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456:789a::1', 'uniqueLocal'],
    ['fd00:ec2::254', 'uniqueLocal'], // AWS's IPv6 metadata service
    ['ff02::1', 'multicast'],
    ['64:ff9b::a00:1', 'rfc6052'], // NAT64 of 10.0.0.1
    ['2002:a00:1::', '6to4'],
    ['2001::1', 'teredo'],
    ['2001:db8::1', 'reserved'],
    ['[::1]', 'loopback'],
    // IPv4-mapped IPv6 is judged as the IPv4 address
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:100.64.1.1', 'carrierGradeNat'],
    // not an address at all
    ['localhost', 'invalid'],
    ['', 'invalid'],
  ])('%s is %s, not public', (address, range) => {
    expect(classifyAddress(address)).toMatchObject({ range, public: false });
  });

  it.each([
    ['8.8.8.8'],
    ['93.184.216.34'],
    ['100.63.255.255'], // just below CGNAT
    ['100.128.0.0'], // just above CGNAT
    ['172.15.255.255'],
    ['172.32.0.0'],
    ['169.253.255.255'],
    ['2606:4700:4700::1111'],
    ['2a00:1450:4003:80e::200e'],
    ['::ffff:8.8.8.8'],
  ])('%s is public', (address) => {
    expect(classifyAddress(address)).toMatchObject({ range: 'unicast', public: true });
  });

  it('reports a mapped address as the IPv4 address it checked', () => {
    expect(classifyAddress('::ffff:7f00:1').address).toBe('127.0.0.1');
  });

  it.each([
    ['127.0.0.1', true],
    ['[::1]', true],
    ['::ffff:10.0.0.1', true],
    ['example.org', false],
    ['localhost', false],
    ['xn--caf-dma.example', false],
  ])('isIpLiteral(%s) = %s', (host, literal) => {
    expect(isIpLiteral(host)).toBe(literal);
  });
});
