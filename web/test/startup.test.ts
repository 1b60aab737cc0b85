import { startWeb } from '@aula/test-stack';
import { expect, it } from 'vitest';

it('refuses to start with a malformed DIRECTUS_URL, naming the variable', async () => {
  await expect(startWeb({ directusUrl: 'directus:8055' })).rejects.toThrow(
    /exited early[\s\S]*DIRECTUS_URL: must be an http\(s\) URL/,
  );
});
