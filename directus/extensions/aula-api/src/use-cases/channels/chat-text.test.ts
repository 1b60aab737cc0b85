import { describe, expect, it } from 'vitest';
import { asksForPerson, asksToUnlink, chatPlainText, isAbusive, namedLesson, soundsUnsure } from './chat-text.ts';

describe('chatPlainText', () => {
  it('drops Markdown and HTML noise and points section links at the lesson', () => {
    const md =
      '## Idea\n\n**Una variable** es un _nombre_ con `valor`. Mira [Variables](#variables) o <b>esto</b>.\n\n- uno\n- [x](javascript:alert(1))';
    expect(chatPlainText(md, 'https://aula.test/cursos/py/lecciones/v')).toBe(
      'Idea\n\nUna variable es un nombre con valor. Mira Variables (https://aula.test/cursos/py/lecciones/v#variables) o esto.\n\n• uno\n• x',
    );
  });
  it('keeps web links as label and address', () => {
    expect(chatPlainText('[docs](https://docs.python.org/3/)', null)).toBe('docs (https://docs.python.org/3/)');
  });
});

describe('handoff rules', () => {
  it('hears a request for a person, in Spanish and English', () => {
    expect(asksForPerson('Quiero hablar con una persona, por favor')).toBe(true);
    expect(asksForPerson('can I talk to a human?')).toBe(true);
    expect(asksForPerson('/persona')).toBe(true);
    expect(asksForPerson('¿Qué es una variable?')).toBe(false);
  });
  it('hears insults, and the tutor being unsure or off-topic', () => {
    expect(isAbusive('eres un IDIOTA')).toBe(true);
    expect(isAbusive('no entiendo la idea')).toBe(false);
    expect(soundsUnsure('Lo siento, solo puedo ayudarte con este curso.')).toBe(true);
    expect(soundsUnsure("I'm not sure about that.")).toBe(true);
    expect(soundsUnsure('Una variable guarda un valor.')).toBe(false);
  });
  it('reads the commands', () => {
    expect(asksToUnlink('/desvincular')).toBe(true);
    expect(asksToUnlink('desvincular')).toBe(false);
    expect(namedLesson('/lección Variables y tipos')).toBe('variables y tipos');
    expect(namedLesson('hola')).toBe(null);
  });
});
