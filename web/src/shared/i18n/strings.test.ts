import { describe, expect, it } from 'vitest';
import { dictionary } from './dictionary.ts';
import { en } from './en.ts';
import { enStaff } from './en-staff.ts';
import { es } from './es.ts';
import { esStaff } from './es-staff.ts';
import { learnerStrings } from './locale-context.tsx';

describe("a page's strings and the staff's", () => {
  it('every page reads the learner sections; the staff sections throw, naming where they live', () => {
    const t = learnerStrings(es);
    expect(t.quiz).toBe(es.quiz);
    expect(t.catalogue.searchLabel).toBe('Buscar cursos');
    expect(() => t.studio).toThrow(/t\.studio is read outside the studio and the admin panel/);
    expect(() => t.admin).toThrow(/t\.admin is read outside/);
  });

  it('the staff layouts add their sections to the same strings (the throwing ones are not copied)', () => {
    const t = { ...learnerStrings(en), ...enStaff };
    expect(t.studio).toBe(enStaff.studio);
    expect(t.admin).toBe(enStaff.admin);
    expect(t.tutor).toBe(en.tutor);
  });

  it("server code reads every section of a language, and both languages' sections match", () => {
    expect(dictionary('es').studio).toBe(esStaff.studio);
    expect(dictionary('en').quiz).toBe(en.quiz);
    expect(Object.keys(dictionary('en')).sort()).toEqual(Object.keys(dictionary('es')).sort());
    expect(Object.keys(enStaff).sort()).toEqual(Object.keys(esStaff).sort());
  });
});
