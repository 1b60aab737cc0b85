import { describe, expect, it } from 'vitest';
import { matchOperation, type Pattern } from './route-table.ts';

const table: Pattern[] = [
  { method: 'GET', path: 'runs/:id' },
  { method: 'POST', path: 'runs/:id/cancel' },
  { method: 'PATCH', path: 'lessons/:id' },
  { method: 'POST', path: 'preview' },
];
const ID = '0b5f3a4e-2a9c-4d7e-9f10-2a3b4c5d6e7f';

describe('the studio route table', () => {
  it('finds the operation of a method and path, with the UUID in it', () => {
    expect(matchOperation(table, 'GET', ['runs', ID])).toEqual({ found: table[0], id: ID });
    expect(matchOperation(table, 'POST', ['runs', ID, 'cancel'])).toEqual({ found: table[1], id: ID });
    expect(matchOperation(table, 'POST', ['preview'])).toEqual({ found: table[3], id: '' });
  });

  it('a known path asked with another method names the methods it has (405)', () => {
    expect(matchOperation(table, 'GET', ['lessons', ID])).toEqual({ found: null, allow: ['PATCH'] });
    expect(matchOperation(table, 'PATCH', ['preview'])).toEqual({ found: null, allow: ['POST'] });
  });

  it.each([
    ['an unknown path', ['runs', ID, 'explode']],
    ['an id that is not a UUID', ['runs', 'not-a-uuid']],
    ['a path too short', ['runs']],
    ['a path too long', ['runs', ID, 'cancel', 'now']],
    ['nothing', []],
  ])('%s is not found (404)', (_, segments) => {
    expect(matchOperation(table, 'GET', segments).found).toBeNull();
    expect(matchOperation(table, 'POST', segments)).toEqual({ found: null, allow: [] });
  });
});
