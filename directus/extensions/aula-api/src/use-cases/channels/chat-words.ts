/**
 * What the chat bot says besides the tutor's answers, in Spanish and English. Before a contact is
 * linked Aula does not know their language, so it says both; after, the course's language.
 */
export type ChatLanguage = 'es' | 'en';

const both = (es: string, en: string) => `${es}\n\n${en}`;

export const SAY = {
  notLinked: both(
    'Hola. Para preguntar al tutor de Aula desde aquí, vincula este chat: en «Mis cursos» pide un código y envíalo en este chat.',
    'Hi. To ask Aula’s tutor from here, link this chat: get a code on “My courses” and send it in this chat.',
  ),
  tooManyCodes: both(
    'Demasiados códigos incorrectos desde este chat. Espera una hora y pide uno nuevo en «Mis cursos».',
    'Too many wrong codes from this chat. Wait an hour and get a new one on “My courses”.',
  ),
  badCode: both(
    'Ese código no sirve: puede haber caducado (dura 10 minutos) o ya se usó. Pide otro en «Mis cursos».',
    'That code does not work: it may have expired (it lasts 10 minutes) or been used. Get a new one on “My courses”.',
  ),
  linked: (name: string | null) =>
    both(
      `Listo${name ? `, ${name}` : ''}: este chat está vinculado a tu cuenta de Aula. Pregúntame sobre la última lección que abriste (o escribe /leccion y su título). Para desvincularlo, escribe /desvincular.`,
      `Done${name ? `, ${name}` : ''}: this chat is linked to your Aula account. Ask me about the last lesson you opened (or write /lesson and its title). To unlink it, write /unlink.`,
    ),
  unlinked: both(
    'Este chat ya no está vinculado a tu cuenta de Aula.',
    'This chat is no longer linked to your Aula account.',
  ),
  noLesson: both(
    'Todavía no sé de qué lección hablamos: abre una lección en Aula, o escribe /leccion y su título.',
    'I do not know which lesson we are on yet: open a lesson on Aula, or write /lesson and its title.',
  ),
  lessonNotFound: both(
    'No encuentro esa lección en tus cursos. Escribe /leccion y parte de su título.',
    'I cannot find that lesson in your courses. Write /lesson and part of its title.',
  ),
  lessonChosen: (title: string) => both(`De acuerdo: hablamos de «${title}».`, `All right: we are on “${title}”.`),
  failed: {
    es: {
      rate_limited: 'Has enviado muchos mensajes seguidos o has llegado al límite de hoy. Prueba dentro de un rato.',
      unavailable: 'El tutor no está disponible ahora mismo. Prueba dentro de unos minutos.',
      withdrawn: 'Retiré esa respuesta: repetía cómo está configurado el tutor. Pregunta de otra forma.',
      internal: 'Algo ha fallado de nuestro lado; queda registrado.',
    },
    en: {
      rate_limited: 'You have sent many messages in a row or reached today’s limit. Try again in a while.',
      unavailable: 'The tutor is not available right now. Try again in a few minutes.',
      withdrawn: 'I withdrew that answer: it repeated how the tutor is set up. Ask another way.',
      internal: 'Something went wrong on our side; it has been logged.',
    },
  } as Record<ChatLanguage, Record<string, string>>,
  lessonLink: { es: 'La lección', en: 'The lesson' } as Record<ChatLanguage, string>,
  handoff: both(
    'Te paso con una persona del equipo de Aula. Te responderá en este chat; mientras tanto el tutor automático no contestará.',
    'I am passing you to a person on Aula’s team. They will answer in this chat; meanwhile the automatic tutor will not reply.',
  ),
};

export const languageOf = (value: string | null | undefined): ChatLanguage => (value === 'en' ? 'en' : 'es');
