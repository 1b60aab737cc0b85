import type { TutorContext } from '@aula/domain';

export const LESSON_ID = '11111111-1111-4111-8111-111111111111';
const id = (n: number) => `22222222-2222-4222-8222-${String(n).padStart(12, '0')}`;

export const LESSON_BODY = `Python es un lenguaje para empezar a programar.

## Variables y nombres

Una variable guarda un valor con un nombre: \`edad = 30\`.

\`\`\`python
# Esto es un comentario, no un título
print(edad)
\`\`\`

## La función print

\`print()\` muestra un valor en la pantalla.

## Variables y nombres

Un segundo apartado con el mismo título.
`;

/** A valid tutor context (second lesson of a three-lesson course, quiz not submitted), with overrides. */
export function createTutorContext(overrides: Partial<TutorContext> = {}): TutorContext {
  return {
    course: { id: id(1), title: 'Primeros pasos con Python', language: 'es', summary: 'Un curso corto.' },
    lesson: {
      id: LESSON_ID,
      title: 'Variables',
      body: LESSON_BODY,
      objectives: ['Crear variables', 'Mostrar valores con print'],
    },
    outline: [
      {
        title: 'Empezar',
        lessons: [
          { id: id(2), title: 'Instalar Python', done: true },
          { id: LESSON_ID, title: 'Variables', done: false },
        ],
      },
      { title: 'Seguir', lessons: [{ id: id(3), title: 'Bucles', done: false }] },
    ],
    position: 2,
    total: 3,
    quiz: {
      submitted: false,
      title: 'Cuestionario de variables',
      passScore: 70,
      questions: [{ prompt: '¿Qué guarda una variable?', options: ['Un valor', 'Un error', 'Nada', 'Un bucle'] }],
    },
    ...overrides,
  };
}
