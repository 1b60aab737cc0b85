import { describe, expect, it } from 'vitest';
import { compileTrust, parseTrustedProxies, resolveCaller, validHost } from './trusted-proxies.ts';

type Row = {
  name: string;
  trusted: string;
  remote: string;
  headers: Record<string, string>;
  encrypted?: boolean;
  want: { ip: string; host?: string | undefined; https: boolean };
};

// The proxy in front is 10.0.0.2; 203.0.113.7 is a person; 198.51.100.66 is what someone made up.
const rows: Row[] = [
  {
    name: 'no proxy trusted: a made-up X-Forwarded-For is ignored',
    trusted: '',
    remote: '203.0.113.7',
    headers: { host: 'aula.example', 'x-forwarded-for': '198.51.100.66' },
    want: { ip: '203.0.113.7', host: 'aula.example', https: false },
  },
  {
    name: 'no proxy trusted: made-up X-Forwarded-Host and -Proto are ignored',
    trusted: '',
    remote: '203.0.113.7',
    headers: { host: 'aula.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
    want: { ip: '203.0.113.7', host: 'aula.example', https: false },
  },
  {
    name: 'a trusted proxy: its X-Forwarded-For names the person',
    trusted: '10.0.0.2',
    remote: '10.0.0.2',
    headers: { host: 'web:3000', 'x-forwarded-for': '203.0.113.7' },
    want: { ip: '203.0.113.7', host: 'web:3000', https: false },
  },
  {
    name: 'a trusted proxy: whatever the person prepended stays to the left, unbelieved',
    trusted: '10.0.0.2',
    remote: '10.0.0.2',
    headers: { host: 'web:3000', 'x-forwarded-for': '198.51.100.66, 203.0.113.7' },
    want: { ip: '203.0.113.7', host: 'web:3000', https: false },
  },
  {
    name: 'a trusted proxy: its X-Forwarded-Host and -Proto count',
    trusted: '10.0.0.0/8',
    remote: '10.0.0.2',
    headers: {
      host: 'web:3000',
      'x-forwarded-for': '203.0.113.7',
      'x-forwarded-host': 'Aula.Example',
      'x-forwarded-proto': 'https',
    },
    want: { ip: '203.0.113.7', host: 'aula.example', https: true },
  },
  {
    name: 'two trusted hops are walked back to the person',
    trusted: '10.0.0.2, 10.0.0.3',
    remote: '10.0.0.2',
    headers: { 'x-forwarded-for': '198.51.100.66, 203.0.113.7, 10.0.0.3' },
    want: { ip: '203.0.113.7', host: undefined, https: false },
  },
  {
    name: 'an untrusted hop in the middle stops the walk there',
    trusted: '10.0.0.2',
    remote: '10.0.0.2',
    headers: { 'x-forwarded-for': '203.0.113.7, 192.0.2.9' },
    want: { ip: '192.0.2.9', https: false, host: undefined },
  },
  {
    name: 'a connection from an untrusted address that happens to be private is still the caller',
    trusted: '10.0.0.2',
    remote: '10.0.0.99',
    headers: { 'x-forwarded-for': '203.0.113.7', 'x-forwarded-proto': 'https' },
    want: { ip: '10.0.0.99', https: false, host: undefined },
  },
  {
    name: 'an IPv4 address mapped into IPv6 reads as IPv4',
    trusted: 'loopback',
    remote: '::ffff:127.0.0.1',
    headers: { 'x-forwarded-for': '203.0.113.7' },
    want: { ip: '203.0.113.7', https: false, host: undefined },
  },
  {
    name: 'an IPv6 person through a trusted IPv6 proxy',
    trusted: 'fd00::/8',
    remote: 'fd00::2',
    headers: { 'x-forwarded-for': '2001:db8::7' },
    want: { ip: '2001:db8::7', https: false, host: undefined },
  },
  {
    name: 'garbage in X-Forwarded-For from a trusted proxy ends the walk at the proxy',
    trusted: '10.0.0.2',
    remote: '10.0.0.2',
    headers: { 'x-forwarded-for': 'not-an-ip' },
    want: { ip: '10.0.0.2', https: false, host: undefined },
  },
  {
    name: 'a trusted proxy with a host carrying a path falls back to Host',
    trusted: '10.0.0.2',
    remote: '10.0.0.2',
    headers: { host: 'aula.example', 'x-forwarded-host': 'evil.example/x', 'x-forwarded-proto': 'gopher' },
    want: { ip: '10.0.0.2', host: 'aula.example', https: false },
  },
  {
    name: 'a TLS connection is https without any header',
    trusted: '',
    remote: '203.0.113.7',
    headers: { host: 'aula.example' },
    encrypted: true,
    want: { ip: '203.0.113.7', host: 'aula.example', https: true },
  },
];

describe('resolveCaller', () => {
  it.each(rows)('$name', ({ trusted, remote, headers, encrypted = false, want }) => {
    const trust = compileTrust(parseTrustedProxies(trusted));
    expect(resolveCaller({ remoteAddress: remote, encrypted, headers, trust })).toEqual(want);
  });
});

describe('parseTrustedProxies', () => {
  it.each([
    ['', []],
    [' 10.0.0.0/8, 192.0.2.7 ', ['10.0.0.0/8', '192.0.2.7']],
    ['loopback uniquelocal', ['loopback', 'uniquelocal']],
  ])('reads %j', (value, list) => {
    expect(parseTrustedProxies(value)).toEqual(list);
  });

  it.each(['10.0.0.0/33', 'proxy.example', '10.0.0.300'])('refuses %j', (value) => {
    expect(() => parseTrustedProxies(value)).toThrow();
  });
});

describe('validHost', () => {
  it.each([
    ['aula.example', 'aula.example'],
    ['127.0.0.1:3000', '127.0.0.1:3000'],
    ['[::1]:3000', '[::1]:3000'],
    ['evil.example/path', undefined],
    ['user@evil.example', undefined],
    ['evil.example\\x', undefined],
    ['a b', undefined],
    ['host:99999', undefined],
    ['', undefined],
  ])('%j → %j', (value, host) => {
    expect(validHost(value)).toBe(host);
  });
});
