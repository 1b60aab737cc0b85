import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const src = fileURLToPath(new URL('../..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

// One function (localPath) decides where the site may send people; a redirect made any other way
// would not be checked by it.
it('every redirect of the site goes through src/shared/edge/redirect.ts', () => {
  const offenders = sources(src).flatMap((path) => {
    const file = relative(src, path);
    if (file === join('shared', 'edge', 'redirect.ts')) return [];
    const text = readFileSync(path, 'utf8');
    const found = [
      /import\s*{[^}]*\b(redirect|permanentRedirect)\b[^}]*}\s*from\s*'next\/navigation'/.test(text) &&
        'next/navigation redirect',
      /NextResponse\.redirect\(|Response\.redirect\(/.test(text) && 'Response.redirect',
      /\blocation\s*:/i.test(text) && 'a Location header',
    ].filter(Boolean);
    return found.map((what) => `${file}: ${what}`);
  });
  expect(offenders).toEqual([]);
});
