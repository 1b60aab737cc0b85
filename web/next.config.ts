import type { NextConfig } from 'next';

const config: NextConfig = {
  // Workspace packages ship TypeScript source, not built JavaScript.
  transpilePackages: ['@aula/domain', '@aula/llm', '@aula/net'],
  // The repository lints with Biome; Next's ESLint step has nothing to run.
  eslint: { ignoreDuringBuilds: true },
  poweredByHeader: false,
  reactStrictMode: true,
};

export default config;
