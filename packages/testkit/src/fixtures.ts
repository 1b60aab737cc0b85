/** Answers a model would give, for tests of Aula's generation. */

/** The outline a model would return for `lessons` lessons (two modules when there are several). */
export function outlineOf(lessons: number, title = 'Finanzas personales para empezar') {
  const lesson = (i: number) => ({
    title: `Lección ${i + 1}: presupuesto paso ${i + 1}`,
    objectives: ['Identificar ingresos y gastos', 'Calcular un saldo mensual'],
    estimatedMinutes: 10 + i,
  });
  const first = Math.ceil(lessons / 2);
  const modules = [
    { title: 'Primeros pasos', summary: 'Lo básico.', lessons: Array.from({ length: first }, (_, i) => lesson(i)) },
  ];
  if (lessons > first) {
    modules.push({
      title: 'Hábitos',
      summary: 'Mantener el orden.',
      lessons: Array.from({ length: lessons - first }, (_, i) => lesson(first + i)),
    });
  }
  return { title, summary: 'Un curso práctico para ordenar el dinero de casa.', audience: 'Personas adultas', modules };
}
