/**
 * Pure helpers of the chat channels: the tutor's Markdown as plain text for a chat app, and the rules
 * that hand a conversation to a person.
 */

/**
 * Markdown → plain text a chat app shows as written: no HTML, no emphasis marks, no headings' hashes,
 * no code fences; a link becomes "label (address)", a link to one of the lesson's sections points at
 * the lesson's page with that anchor, and a link with a script scheme keeps only its label.
 */
export function chatPlainText(markdown: string, lessonUrl: string | null): string {
  let text = markdown.replace(/\r\n?/g, '\n');
  text = text.replace(/```[^\n]*\n([\s\S]*?)```/g, '$1');
  text = text.replace(/<[^>\n]{1,200}>/g, '');
  text = text.replace(/!\[([^\]\n]*)\]\([^)\n]*\)/g, '$1');
  text = text.replace(
    /\[([^\]\n]+)\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))+)>?(?:\s+"[^"\n]*")?\s*\)/g,
    (_, label: string, href: string) => {
      if (href.startsWith('#')) return lessonUrl ? `${label} (${lessonUrl}${href})` : label;
      if (/^https?:\/\//i.test(href)) return `${label} (${href})`;
      return label;
    },
  );
  text = text.replace(/^\s{0,3}#{1,6}\s+/gm, '');
  text = text.replace(/^\s{0,3}>\s?/gm, '');
  text = text.replace(/^(\s*)[*+-]\s+/gm, '$1• ');
  text = text.replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2');
  text = text.replace(/(^|[^\w*])[*_](?=\S)([^*_\n]*?\S)[*_](?=[^\w*]|$)/g, '$1$2');
  text = text.replace(/`([^`\n]+)`/g, '$1');
  text = text.replace(
    /&(lt|gt|amp|quot|#39);/g,
    (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'" })[e] ?? '',
  );
  return text.replace(/\n{3,}/g, '\n\n').trim();
}

const fold = (text: string) => text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');

const PERSON =
  /(^\/(persona|humano|human|agente|agent)\b)|\b(hablar con|habla con|quiero|necesito|pasame con|paseme con|talk to|speak to|speak with|need|want)\b[^.?!\n]{0,30}\b(persona|humano|humana|agente|profesor|profesora|tutor humano|human|person|someone real|real person|agent|teacher)\b|\b(persona real|agente humano|real person|human agent)\b/;

/** The student asks for a person (Spanish or English; "/persona" too). */
export const asksForPerson = (message: string): boolean => PERSON.test(fold(message));

const ABUSE =
  /\b(idiota|imbecil|estupid[oa]|gilipollas|cabron|pendej[oa]|mierda|put[ao]|hijo de puta|subnormal|fuck\w*|shit|stupid|idiot|bitch|asshole|moron)\b/;

/** Insults: a person takes over (the tutor does not argue). */
export const isAbusive = (message: string): boolean => ABUSE.test(fold(message));

const UNSURE =
  /\b(no estoy segur[oa]|no lo se|no se (la respuesta|responder)|solo puedo ayudar(te)?|no puedo ayudar(te)? con|fuera del tema|no tiene que ver con (el|este) curso|i'?m not sure|i am not sure|i don'?t know|i can only help|i can'?t help with|outside (of )?(this|the) course|not related to (this|the) course)\b/;

/** The tutor's answer says it is unsure or that the question is off-topic. */
export const soundsUnsure = (answer: string): boolean => UNSURE.test(fold(answer));

/** "/desvincular" (or "/unlink"): the contact unlinks itself. */
export const asksToUnlink = (message: string): boolean => /^\/(desvincular|unlink)\b/.test(fold(message.trim()));

/** "/leccion <title>" (or "/lesson <title>"): the lesson the student names; null when not asked. */
export function namedLesson(message: string): string | null {
  const match = fold(message.trim()).match(/^\/(leccion|lesson)\s+(.{2,120})$/s);
  return match ? (match[2] ?? '').trim() : null;
}

/** How many unsure or off-topic answers in a row hand the conversation to a person. */
export const UNSURE_STRIKES = 3;
