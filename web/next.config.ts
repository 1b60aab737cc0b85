import type { NextConfig } from 'next';

const config: NextConfig = {
  // Workspace packages ship TypeScript source, not built JavaScript.
  transpilePackages: ['@aula/data', '@aula/domain', '@aula/llm', '@aula/net', '@aula/ops', '@aula/telemetry'],
  // Loaded from node_modules, once per process: the metrics registry and the logger are not bundled per route.
  serverExternalPackages: ['prom-client', 'pino', 'sharp'],
  // The repository lints with Biome; Next's ESLint step has nothing to run.
  eslint: { ignoreDuringBuilds: true },
  poweredByHeader: false,
  // A cover upload (at most 2 MB, checked again by the action) goes through a server action.
  experimental: { serverActions: { bodySizeLimit: '3mb' } },
  reactStrictMode: true,
  // Next rewrites a middleware redirect to 127.0.0.1 as one to localhost (another host to the browser,
  // so another cookie jar); the middleware builds its redirects on the host the person used instead.
  skipMiddlewareUrlNormalize: true,
};

export default config;
