/** A lesson with two sections, and questions about it that pass or fail the quiz checks. */
export const markdown = `Un presupuesto ordena el dinero de cada mes y te ayuda a decidir mejor.

## Ingresos y gastos

Anota tus ingresos: el sueldo y cualquier otro dinero que recibes. Después anota los gastos fijos, como el
alquiler, y los gastos variables, como la comida o el ocio.

## El fondo de emergencia

Guarda cada mes una parte de tus ingresos hasta reunir tres meses de gastos. Ese ahorro te protege ante
imprevistos, como una avería o una factura médica.
`;

export const good = [
  {
    prompt: '¿Para qué sirve un fondo de emergencia?',
    options: ['Para el ocio del mes', 'Para protegerte ante imprevistos', 'Para invertir en bolsa', 'Para el alquiler'],
    correctOption: 1,
    explanation: 'El fondo de emergencia es un ahorro de tres meses de gastos que te protege ante imprevistos.',
    lessonSection: 'el-fondo-de-emergencia',
  },
  {
    prompt: '¿Cuál de estos es un gasto variable?',
    options: ['El alquiler', 'La comida', 'El sueldo', 'Un ingreso extra'],
    correctOption: 1,
    explanation: 'Los gastos variables cambian cada mes, como la comida o el ocio; el alquiler es un gasto fijo.',
    lessonSection: 'ingresos-y-gastos',
  },
];
/** Asks again what question 1 asks. */
export const repeated = { ...good[0]!, prompt: '¿Un fondo de emergencia sirve para qué?', correctOption: 1 };
/** Its explanation is nowhere in the lesson, and its section is no heading of it. */
export const ungrounded = {
  prompt: '¿Qué rentabilidad dan las criptomonedas?',
  options: ['Un 1 %', 'Un 5 %', 'El doble cada año', 'Ninguna'],
  correctOption: 1,
  explanation: 'Según los expertos financieros, las criptomonedas duplican su valor cada año en los mercados.',
  lessonSection: 'criptomonedas',
};
export const fixed = {
  prompt: '¿Qué debes anotar primero al hacer un presupuesto?',
  options: ['Tus ingresos', 'Tus deudas con amigos', 'Tus inversiones', 'Tus contraseñas'],
  correctOption: 0,
  explanation: 'Primero se anotan los ingresos: el sueldo y cualquier otro dinero que recibes; después, los gastos.',
  lessonSection: 'ingresos-y-gastos',
};
