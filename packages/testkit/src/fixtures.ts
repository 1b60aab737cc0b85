/** Answers a model would give, for tests of Aula's generation. */

/**
 * The outline a model would return for `lessons` lessons: a flat list naming its module by number
 * (two modules when there are several).
 */
export function outlineOf(lessons: number, title = 'Finanzas personales para empezar') {
  const first = Math.ceil(lessons / 2);
  const modules = [{ title: 'Primeros pasos', summary: 'Lo básico.' }];
  if (lessons > first) modules.push({ title: 'Hábitos', summary: 'Mantener el orden.' });
  return {
    title,
    summary: 'Un curso práctico para ordenar el dinero de casa.',
    audience: 'Personas adultas',
    modules,
    lessons: Array.from({ length: lessons }, (_, i) => ({
      module: i < first ? 1 : 2,
      title: `Lección ${i + 1}: presupuesto paso ${i + 1}`,
      objectives: ['Identificar ingresos y gastos', 'Calcular un saldo mensual'],
      estimatedMinutes: 10 + i,
    })),
  };
}
