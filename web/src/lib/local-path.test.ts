import { expect, it } from 'vitest';
import { localPath } from './local-path.ts';

it.each([
  ['/mis-cursos', '/mis-cursos'],
  ['/cursos/x?aviso=1#quiz', '/cursos/x?aviso=1#quiz'],
  ['https://evil.example/', null],
  ['//evil.example/', null],
  ['/\\evil.example/', null],
  ['mis-cursos', null],
  [undefined, null],
  [42, null],
])('localPath(%j) = %j', (value, path) => {
  expect(localPath(value)).toBe(path);
});
