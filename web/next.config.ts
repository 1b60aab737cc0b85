import type { NextConfig } from 'next';

const config: NextConfig = {
  // Workspace packages ship TypeScript source, not built JavaScript.
  transpilePackages: ['@aula/data', '@aula/domain', '@aula/llm', '@aula/net', '@aula/ops', '@aula/telemetry'],
  // Loaded from node_modules, once per process: the metrics registry and the logger are not bundled per route.
  serverExternalPackages: ['prom-client', 'pino', 'sharp', 'ioredis'],
  // The repository lints with Biome; Next's ESLint step has nothing to run.
  eslint: { ignoreDuringBuilds: true },
  poweredByHeader: false,
  // A cover upload (at most 2 MB, checked again by the action) goes through a server action.
  experimental: { serverActions: { bodySizeLimit: '3mb' } },
  reactStrictMode: true,
  // Next rewrites a middleware redirect to 127.0.0.1 as one to localhost (another host to the browser,
  // so another cookie jar); the middleware builds its redirects on the host the person used instead.
  skipMiddlewareUrlNormalize: true,
  // Every page's metadata (title, description, canonical, Open Graph) in <head> for every client, not
  // streamed into <body> for browsers Next does not know as bots: link previews, crawlers Next does not
  // list and Lighthouse (which no longer names itself) all read <head>. The metadata reads are the
  // page's own cached reads, so the first byte waits for little.
  htmlLimitedBots: /./,
};

export default config;
