import type { DemoCourse } from '@aula/domain';

export const demoCourse: DemoCourse = {
  slug: 'primeros-pasos-con-python',
  title: 'Primeros pasos con Python',
  summary:
    'Un curso breve para dar tus primeros pasos en la programación con Python, sin necesidad de conocimientos previos. Aprenderás qué es un programa, cómo guardar y usar datos con variables, y cómo lograr que tu código tome decisiones y repita tareas. Cada lección incluye ejemplos que puedes probar y un cuestionario corto para comprobar lo aprendido.',
  language: 'es',
  audience: 'Personas adultas sin experiencia previa en programación',
  level: 'beginner',
  modules: [
    {
      title: 'Fundamentos',
      summary:
        'Descubre qué significa programar, escribe tu primer programa en Python y aprende a guardar información en variables de distintos tipos.',
      lessons: [
        {
          slug: 'que-es-programar',
          title: '¿Qué es programar?',
          estimatedMinutes: 15,
          objectives: [
            'Explicar con tus propias palabras qué es un programa y por qué el orden de las instrucciones importa.',
            'Escribir y ejecutar un primer programa en Python con la función print().',
            'Reconocer los mensajes de error más comunes y usarlos como pistas para corregir el código.',
          ],
          body: `Programar puede sonar a algo reservado para especialistas, pero en el fondo es una actividad muy humana: explicar, paso a paso y sin ambigüedades, cómo hacer una tarea. En esta lección verás qué es un programa, por qué vamos a usar Python y cómo escribir y ejecutar tu primera línea de código. No necesitas ningún conocimiento previo; solo curiosidad y un poco de paciencia.

## Programar es dar instrucciones

Un **programa** es una lista de instrucciones que la computadora sigue en orden, de arriba hacia abajo. Piensa en una receta de cocina: si dice "batir los huevos" antes de "romper los huevos", el resultado será un desastre. A la computadora le pasa lo mismo, con una diferencia importante: no interpreta tus intenciones. Hace exactamente lo que le indicas, ni más ni menos.

Por eso, al programar conviene:

- dividir el problema en pasos pequeños,
- escribir cada paso de forma precisa,
- comprobar el resultado y corregir lo que haga falta.

## ¿Por qué Python?

Existen muchos lenguajes de programación. Python es una excelente opción para empezar porque se lee con facilidad: sus instrucciones se parecen al inglés cotidiano y usa pocos símbolos. Además, es gratuito, funciona en Windows, macOS y Linux, y se usa en el mundo real para analizar datos, automatizar tareas de oficina, crear sitios web o trabajar con inteligencia artificial.

Puedes descargarlo gratis desde python.org. Una vez instalado, al escribir \`python3\` (en macOS y Linux) o \`py\` (en Windows) en una terminal se abre el **modo interactivo**, que muestra el indicador \`>>>\` y espera tus instrucciones.

## Tu primer programa

La tradición dice que el primer programa debe saludar al mundo. En Python bastan un par de líneas:

\`\`\`python
print("¡Hola, mundo!")  # Mi primer programa
print("Estoy aprendiendo Python")
\`\`\`

La función \`print()\` muestra en pantalla lo que pongas entre los paréntesis. El texto va entre comillas para que Python sepa que es texto y no una orden. Todo lo que aparece después del símbolo \`#\` en una línea es un **comentario**: una nota para las personas que Python ignora por completo. Al ejecutar el programa verás dos líneas, en el mismo orden en que están escritas.

## Errores: parte normal del camino

Equivocarse es parte del oficio, incluso para quienes llevan años programando. Si escribes \`Print("Hola")\` con mayúscula, Python mostrará un \`NameError\`, porque distingue entre mayúsculas y minúsculas, y \`Print\` no existe. Si olvidas cerrar unas comillas, como en \`print("Hola)\`, obtendrás un \`SyntaxError\`, es decir, un error en la forma de escribir la instrucción.

Los mensajes de error no son un castigo: son pistas. Léelos con calma, fíjate en la línea que indican y revisa comillas, paréntesis y mayúsculas.

## Resumen

- Un programa es una secuencia de instrucciones precisas que se ejecutan en orden.
- Python es un lenguaje gratuito, fácil de leer y muy usado, ideal para empezar.
- \`print()\` muestra información en pantalla y \`#\` inicia un comentario.
- Los errores son normales: el mensaje te indica qué revisar.
`,
          quiz: {
            title: 'Comprueba lo aprendido: ¿qué es programar?',
            passScore: 70,
            questions: [
              {
                prompt: '¿Cuál de estas frases describe mejor qué es un programa?',
                options: [
                  'Un aparato que se conecta a la computadora para hacerla más rápida.',
                  'Una secuencia de instrucciones precisas que la computadora sigue en orden.',
                  'Un documento de texto que la computadora interpreta según lo que quisimos decir.',
                  'Una lista de sugerencias que la computadora puede seguir o ignorar.',
                ],
                correctOption: 1,
                explanation:
                  'Como vimos en la lección, un programa es una lista de instrucciones que se ejecutan en orden, de arriba hacia abajo. La computadora no adivina intenciones: hace exactamente lo que le indicas.',
                lessonSection: 'programar-es-dar-instrucciones',
              },
              {
                prompt: '¿Qué hace la instrucción print("Hola") en Python?',
                options: [
                  'Muestra el texto Hola en la pantalla.',
                  'Envía la palabra Hola a la impresora.',
                  'Guarda la palabra Hola en un archivo.',
                  'Crea una variable llamada Hola.',
                ],
                correctOption: 0,
                explanation:
                  'La función print() muestra en pantalla lo que se escribe entre sus paréntesis. A pesar de su nombre, no tiene nada que ver con la impresora.',
                lessonSection: 'tu-primer-programa',
              },
              {
                prompt: '¿Por qué Python es una buena opción para aprender a programar?',
                options: [
                  'Porque solo funciona en un sistema operativo y eso evita confusiones.',
                  'Porque no produce nunca mensajes de error.',
                  'Porque es un lenguaje de pago con soporte técnico incluido.',
                  'Porque es gratuito, fácil de leer y se usa en muchos ámbitos reales.',
                ],
                correctOption: 3,
                explanation:
                  'La lección destaca que Python se lee con facilidad, es gratuito, funciona en Windows, macOS y Linux, y se usa para análisis de datos, automatización, web e inteligencia artificial.',
                lessonSection: 'por-que-python',
              },
              {
                prompt: 'Si escribes Print("Hola") con P mayúscula, ¿qué ocurre?',
                options: [
                  'Python muestra Hola en mayúsculas.',
                  'Python corrige la mayúscula automáticamente y muestra Hola.',
                  'Python muestra un NameError, porque distingue mayúsculas de minúsculas y Print no existe.',
                  'No pasa nada: la línea se ignora como si fuera un comentario.',
                ],
                correctOption: 2,
                explanation:
                  'En la sección sobre errores vimos que Python distingue mayúsculas de minúsculas. La función se llama print, así que Print produce un NameError.',
                lessonSection: 'errores-parte-normal-del-camino',
              },
              {
                prompt: '¿Qué hace Python con el texto que aparece después del símbolo # en una línea?',
                options: [
                  'Lo ejecuta dos veces.',
                  'Lo ignora, porque es un comentario para las personas que leen el código.',
                  'Lo muestra en pantalla como si fuera un print().',
                  'Detiene el programa en ese punto.',
                ],
                correctOption: 1,
                explanation:
                  'En el primer programa de la lección, el texto que sigue al símbolo # es un comentario: sirve para dejar notas a las personas y Python lo ignora por completo.',
                lessonSection: 'tu-primer-programa',
              },
            ],
          },
          references: [
            {
              url: 'https://docs.python.org/es/3/tutorial/appetite.html',
              title: 'Tutorial de Python: Abriendo el apetito',
              snippet:
                'Explica para qué sirve Python y por qué es un lenguaje cómodo para automatizar tareas y aprender a programar.',
            },
            {
              url: 'https://docs.python.org/es/3/tutorial/interpreter.html',
              title: 'Tutorial de Python: Usando el intérprete de Python',
              snippet:
                'Muestra cómo abrir el intérprete y usar el modo interactivo con el indicador >>> para probar tus primeras instrucciones.',
            },
          ],
        },
        {
          slug: 'variables-y-tipos-de-datos',
          title: 'Variables y tipos de datos',
          estimatedMinutes: 20,
          objectives: [
            'Crear variables con nombres válidos y asignarles valores con el signo =.',
            'Distinguir los tipos de datos básicos: int, float, str y bool.',
            'Realizar operaciones sencillas con números y textos.',
            'Pedir datos con input() y convertirlos en números cuando haga falta.',
          ],
          body: `Los programas trabajan con datos: nombres, edades, precios, fechas. Para poder usarlos más de una vez, necesitamos guardarlos en algún sitio y ponerles un nombre. En esta lección aprenderás a crear variables, a reconocer los tipos de datos más comunes de Python y a pedir información a la persona que usa tu programa.

## ¿Qué es una variable?

Una **variable** es un nombre que hace referencia a un valor. Puedes imaginarla como una etiqueta pegada a una caja: la etiqueta es el nombre y el contenido es el valor. Para crear una variable se usa el signo \`=\`, que en Python significa "asigna", no "es igual a":

\`\`\`python
nombre = "Lucía"
edad = 34
edad = edad + 1
print(nombre, "tiene", edad, "años")
\`\`\`

La tercera línea toma el valor actual de \`edad\`, le suma 1 y guarda el resultado en la misma variable, así que el programa muestra \`Lucía tiene 35 años\`.

Los nombres de variable siguen algunas reglas:

- pueden llevar letras, números y guion bajo (\`_\`), pero no pueden empezar con un número;
- no admiten espacios ni guiones: escribe \`precio_total\`, no \`precio total\` ni \`precio-total\`;
- Python distingue mayúsculas de minúsculas: \`edad\` y \`Edad\` son variables distintas.

## Tipos de datos básicos

Cada valor tiene un **tipo**, que indica qué clase de dato es y qué se puede hacer con él. Los cuatro más habituales son \`int\` (números enteros, como \`42\` o \`-7\`), \`float\` (números con decimales, como \`3.5\`), \`str\` (textos, siempre entre comillas, como \`"Hola"\`) y \`bool\` (valores lógicos, que solo pueden ser \`True\` o \`False\`).

Ojo: Python usa el punto como separador decimal, no la coma. Si tienes dudas sobre el tipo de un valor, la función \`type()\` te lo dice: \`type(3.5)\` devuelve \`<class 'float'>\`.

## Operaciones con números y textos

Con números puedes usar \`+\`, \`-\`, \`*\` y \`/\`. La división con \`/\` siempre da un \`float\`: \`7 / 2\` vale \`3.5\`. Si solo quieres la parte entera, usa \`//\` (\`7 // 2\` vale \`3\`), y \`%\` te da el resto (\`7 % 2\` vale \`1\`). Para las potencias se usa \`**\`: \`2 ** 3\` vale \`8\`.

Los textos también admiten algunas operaciones: \`+\` los une (\`"Hola, " + "Ana"\`) y \`*\` los repite (\`"ja" * 3\` da \`"jajaja"\`). Lo que no puedes hacer es sumar un texto y un número: \`"3" + 4\` produce un \`TypeError\`, porque Python no adivina si querías trabajar con texto o con números.

## Pedir datos con input()

La función \`input()\` muestra un mensaje, espera a que la persona escriba algo y pulse Enter, y devuelve lo escrito. Importante: **siempre devuelve un texto** (\`str\`), aunque se escriban números. Para hacer cálculos hay que convertirlo con \`int()\` o \`float()\`:

\`\`\`python
nombre = input("¿Cómo te llamas? ")
nacimiento = int(input("¿En qué año naciste? "))
print(f"Hola, {nombre}. En 2030 cumplirás {2030 - nacimiento} años.")
\`\`\`

La \`f\` delante de las comillas crea una *f-string* (cadena con formato): lo que va entre llaves se sustituye por su valor.

## Resumen

- Una variable es un nombre que guarda un valor; se crea con \`=\`.
- Los tipos básicos son \`int\`, \`float\`, \`str\` y \`bool\`, y \`type()\` te dice cuál es cada uno.
- \`/\` siempre da un resultado con decimales; \`//\` y \`%\` dan el cociente entero y el resto.
- \`input()\` siempre devuelve texto: conviértelo con \`int()\` o \`float()\` antes de calcular.
`,
          quiz: {
            title: 'Comprueba lo aprendido: variables y tipos de datos',
            passScore: 70,
            questions: [
              {
                prompt: '¿Qué hace la instrucción edad = 30 en Python?',
                options: [
                  'Comprueba si la variable edad es igual a 30.',
                  'Muestra el número 30 en la pantalla.',
                  'Guarda el valor 30 en una variable llamada edad.',
                  'Produce un error, porque edad no existía antes.',
                ],
                correctOption: 2,
                explanation:
                  'En Python el signo = significa "asigna": crea la variable edad (o la actualiza) y le da el valor 30. Para comparar se usa otro operador.',
                lessonSection: 'que-es-una-variable',
              },
              {
                prompt: '¿De qué tipo es el valor 3.5?',
                options: ['float', 'int', 'str', 'bool'],
                correctOption: 0,
                explanation:
                  "Los números con decimales son de tipo float. Como se explica en la lección, puedes comprobarlo con type(3.5), que devuelve <class 'float'>.",
                lessonSection: 'tipos-de-datos-basicos',
              },
              {
                prompt: 'Una persona escribe 25 cuando el programa ejecuta input("Edad: "). ¿Qué devuelve input()?',
                options: [
                  'El número entero 25.',
                  'El número decimal 25.0.',
                  'El valor True, porque se escribió algo.',
                  'El texto "25", que hay que convertir con int() para hacer cálculos.',
                ],
                correctOption: 3,
                explanation:
                  'La lección insiste en que input() siempre devuelve un texto (str), aunque se escriban números. Para calcular con él hay que convertirlo con int() o float().',
                lessonSection: 'pedir-datos-con-input',
              },
              {
                prompt: '¿Cuál es el resultado de 7 / 2 en Python?',
                options: ['3', '3.5', '1', 'Un error, porque la división no es exacta.'],
                correctOption: 1,
                explanation:
                  'La división con / siempre da un float, así que 7 / 2 vale 3.5. Para quedarte solo con la parte entera usarías //, y para el resto, %.',
                lessonSection: 'operaciones-con-numeros-y-textos',
              },
              {
                prompt: '¿Cuál de estos es un nombre de variable válido en Python?',
                options: ['2precio', 'precio total', 'precio-total', 'precio_total'],
                correctOption: 3,
                explanation:
                  'Los nombres de variable no pueden empezar con un número ni contener espacios o guiones. Por eso la lección recomienda unir las palabras con guion bajo: precio_total.',
                lessonSection: 'que-es-una-variable',
              },
            ],
          },
          references: [
            {
              url: 'https://docs.python.org/es/3/tutorial/introduction.html',
              title: 'Tutorial de Python: Una introducción informal a Python',
              snippet:
                'Presenta con ejemplos los números, los textos, las operaciones aritméticas y la asignación de variables.',
            },
            {
              url: 'https://docs.python.org/es/3/library/functions.html',
              title: 'Funciones incorporadas',
              snippet:
                'Referencia oficial de print(), input(), type(), int() y float(), las funciones que usamos en esta lección.',
            },
          ],
        },
      ],
    },
    {
      title: 'Controlar el flujo del programa',
      summary:
        'Aprende a que tus programas tomen decisiones con if, elif y else, y a repetir tareas de forma automática con los bucles for y while.',
      lessons: [
        {
          slug: 'decisiones-con-if',
          title: 'Decisiones con if',
          estimatedMinutes: 20,
          objectives: [
            'Comparar valores con los operadores de comparación y entender que el resultado es True o False.',
            'Escribir bloques if, elif y else con los dos puntos y la sangría correctos.',
            'Combinar condiciones con and, or y not.',
          ],
          body: `Hasta ahora, nuestros programas ejecutaban todas sus líneas, una tras otra. Pero en la vida diaria tomamos decisiones constantemente: si llueve, llevo paraguas; si no, lo dejo en casa. En esta lección aprenderás a hacer que tu programa elija qué hacer según la situación, usando comparaciones y la instrucción \`if\`.

## Comparar valores

Para decidir, primero hay que hacer una pregunta. En Python, las preguntas se hacen con **operadores de comparación**, que devuelven \`True\` (verdadero) o \`False\` (falso):

- \`==\` igual a, y \`!=\` distinto de;
- \`<\` menor que, y \`>\` mayor que;
- \`<=\` menor o igual que, y \`>=\` mayor o igual que.

Por ejemplo, \`5 > 3\` vale \`True\` y \`"sol" == "Sol"\` vale \`False\`, porque las mayúsculas cuentan. Cuidado con una confusión muy frecuente: \`=\` asigna un valor a una variable, mientras que \`==\` compara dos valores.

## La instrucción if

La instrucción \`if\` ejecuta un bloque de código solo si una condición es verdadera:

\`\`\`python
temperatura = float(input("¿Qué temperatura hace? "))
if temperatura > 30:
    print("Hace mucho calor.")
    print("Recuerda beber agua.")
print("¡Que tengas un buen día!")
\`\`\`

Fíjate en dos detalles. La línea del \`if\` termina con dos puntos (\`:\`). Y las instrucciones que dependen de la condición van **sangradas**, es decir, desplazadas hacia la derecha, normalmente con cuatro espacios. Python usa esa sangría para saber qué líneas forman parte del bloque: la última línea no está sangrada, así que se ejecuta siempre. Si la sangría es incoherente, Python mostrará un \`IndentationError\`.

## Caminos alternativos con else y elif

Con \`else\` indicas qué hacer cuando la condición es falsa. Y si hay más de dos posibilidades, \`elif\` (abreviatura de "else if") permite encadenar condiciones:

\`\`\`python
nota = float(input("Escribe tu nota (de 0 a 10): "))
if nota >= 9:
    print("Excelente")
elif nota >= 7:
    print("Muy bien")
elif nota >= 5:
    print("Aprobado")
else:
    print("No aprobado")
\`\`\`

Python revisa las condiciones de arriba hacia abajo y ejecuta **solo el primer bloque** cuya condición sea verdadera; los demás se saltan. Con una nota de 8, la primera condición es falsa y la segunda verdadera, así que se muestra "Muy bien", aunque \`nota >= 5\` también se cumpla. El \`else\` final solo se ejecuta si ninguna de las condiciones anteriores fue verdadera.

## Combinar condiciones con and, or y not

A veces una decisión depende de varias cosas a la vez. Para eso existen tres operadores lógicos:

- \`and\` es verdadero solo si **ambas** condiciones son verdaderas;
- \`or\` es verdadero si **al menos una** de las condiciones es verdadera;
- \`not\` invierte el valor: \`not True\` es \`False\`.

Por ejemplo, \`if edad >= 18 and tiene_entrada:\` solo deja pasar a quien cumple las dos condiciones.

## Resumen

- Las comparaciones (\`==\`, \`!=\`, \`<\`, \`>\`, \`<=\`, \`>=\`) devuelven \`True\` o \`False\`.
- \`if\` ejecuta un bloque solo si su condición es verdadera; el bloque se marca con \`:\` y sangría.
- \`elif\` y \`else\` añaden caminos alternativos, y solo se ejecuta el primero que se cumpla.
- \`and\`, \`or\` y \`not\` combinan o invierten condiciones.
`,
          quiz: {
            title: 'Comprueba lo aprendido: decisiones con if',
            passScore: 70,
            questions: [
              {
                prompt: '¿Cuál es la diferencia entre = y == en Python?',
                options: [
                  'No hay diferencia: los dos sirven para comparar.',
                  '= compara dos valores y == asigna un valor.',
                  '== solo funciona con números y = solo con textos.',
                  '= asigna un valor a una variable y == compara dos valores.',
                ],
                correctOption: 3,
                explanation:
                  'La lección advierte sobre esta confusión frecuente: = guarda un valor en una variable, mientras que == pregunta si dos valores son iguales y devuelve True o False.',
                lessonSection: 'comparar-valores',
              },
              {
                prompt: '¿Cómo sabe Python qué líneas pertenecen al bloque de un if?',
                options: [
                  'Porque van entre llaves { }.',
                  'Porque van sangradas (desplazadas a la derecha) después de la línea del if, que termina en dos puntos.',
                  'Porque terminan con punto y coma.',
                  'Porque se escriben en la misma línea que el if.',
                ],
                correctOption: 1,
                explanation:
                  'Como se explica en la lección, la línea del if termina con : y las instrucciones del bloque van sangradas, normalmente con cuatro espacios. La primera línea sin sangría ya no forma parte del bloque.',
                lessonSection: 'la-instruccion-if',
              },
              {
                prompt:
                  'En el programa de notas de la lección (9 o más: "Excelente"; 7 o más: "Muy bien"; 5 o más: "Aprobado"; si no: "No aprobado"), ¿qué se muestra con una nota de 8?',
                options: ['Excelente', 'Muy bien y Aprobado', 'Muy bien', 'No aprobado'],
                correctOption: 2,
                explanation:
                  'Python ejecuta solo el primer bloque cuya condición sea verdadera. Con 8, nota >= 9 es falsa y nota >= 7 es verdadera, así que se muestra "Muy bien" y el resto se salta.',
                lessonSection: 'caminos-alternativos-con-else-y-elif',
              },
              {
                prompt: 'Si edad vale 20 y tiene_entrada vale False, ¿cuánto vale edad >= 18 and tiene_entrada?',
                options: [
                  'False, porque and exige que ambas condiciones sean verdaderas.',
                  'True, porque basta con que una condición sea verdadera.',
                  '20, porque es el valor de edad.',
                  'Produce un error, porque no se pueden combinar condiciones.',
                ],
                correctOption: 0,
                explanation:
                  'Con and, el resultado es verdadero solo si las dos condiciones lo son. Aquí edad >= 18 es True, pero tiene_entrada es False, así que el resultado es False. Con or sí bastaría una.',
                lessonSection: 'combinar-condiciones-con-and-or-y-not',
              },
              {
                prompt: '¿Cuándo se ejecuta el bloque else de una cadena if / elif / else?',
                options: [
                  'Siempre, después del bloque if.',
                  'Solo cuando ninguna de las condiciones anteriores es verdadera.',
                  'Solo cuando todas las condiciones anteriores son verdaderas.',
                  'Nunca, salvo que se escriba dos veces.',
                ],
                correctOption: 1,
                explanation:
                  'El else es el camino por defecto: la lección explica que solo se ejecuta si ninguna de las condiciones del if y de los elif fue verdadera.',
                lessonSection: 'caminos-alternativos-con-else-y-elif',
              },
            ],
          },
          references: [
            {
              url: 'https://docs.python.org/es/3/tutorial/controlflow.html',
              title: 'Tutorial de Python: Más herramientas para control de flujo',
              snippet:
                'Incluye la explicación oficial de la sentencia if con elif y else, con ejemplos breves para practicar.',
            },
            {
              url: 'https://docs.python.org/es/3/library/stdtypes.html',
              title: 'Tipos integrados',
              snippet:
                'Detalla los operadores de comparación y los operadores lógicos and, or y not, y qué valores se consideran verdaderos o falsos.',
            },
          ],
        },
        {
          slug: 'repetir-con-bucles',
          title: 'Repetir con bucles',
          estimatedMinutes: 20,
          objectives: [
            'Explicar para qué sirven los bucles y cuándo conviene usarlos.',
            'Recorrer listas y secuencias de números con for y range().',
            'Usar while para repetir mientras se cumpla una condición, evitando bucles infinitos.',
          ],
          body: `Imagina que tienes que mostrar en pantalla los números del 1 al 100. Podrías escribir cien veces \`print()\`, pero sería lento, aburrido y una fuente segura de errores. Los **bucles** permiten repetir instrucciones tantas veces como haga falta con muy pocas líneas. En esta lección conocerás los dos bucles de Python: \`for\` y \`while\`.

## ¿Por qué repetir?

Muchas tareas consisten en hacer lo mismo con datos distintos: enviar un recordatorio a cada persona de una lista, sumar los gastos del mes o revisar todas las filas de una tabla. Un bucle te permite escribir la instrucción **una sola vez** y dejar que Python la repita. Así el código es más corto, más fácil de leer y, si hay que cambiar algo, se cambia en un solo lugar.

## El bucle for

El bucle \`for\` recorre, uno a uno, los elementos de una secuencia, como una lista o un texto:

\`\`\`python
frutas = ["manzana", "pera", "uva"]
for fruta in frutas:
    print("Me gusta la", fruta)
\`\`\`

En cada vuelta (o **iteración**), la variable \`fruta\` toma el siguiente valor de la lista y se ejecuta el bloque sangrado. Como la lista tiene tres elementos, el programa muestra tres líneas. Igual que con \`if\`, la línea del \`for\` termina en dos puntos y el bloque se marca con sangría.

## Contar con range()

Cuando quieres repetir algo un número determinado de veces, \`range()\` genera una secuencia de números enteros:

- \`range(5)\` produce 0, 1, 2, 3 y 4: empieza en 0 y **no incluye** el 5;
- \`range(1, 6)\` produce 1, 2, 3, 4 y 5;
- \`range(0, 10, 2)\` produce 0, 2, 4, 6 y 8: el tercer número indica el paso.

Un uso muy común es ir acumulando un resultado:

\`\`\`python
total = 0
for numero in range(1, 101):
    total = total + numero
print("La suma del 1 al 100 es", total)
\`\`\`

## El bucle while

El bucle \`while\` repite su bloque **mientras** una condición sea verdadera. Es útil cuando no sabes de antemano cuántas repeticiones harán falta:

\`\`\`python
clave = ""
while clave != "python":
    clave = input("Escribe la clave: ")
print("¡Acceso concedido!")
\`\`\`

El programa seguirá pidiendo la clave hasta que la persona escriba \`python\`. Ten cuidado: si la condición nunca llega a ser falsa, por ejemplo porque olvidaste actualizar la variable dentro del bucle, obtendrás un **bucle infinito**. Si te ocurre, puedes detener el programa con \`Ctrl+C\`. También puedes salir de cualquier bucle en el momento que quieras con la instrucción \`break\`.

## Resumen

- Los bucles evitan repetir código y hacen los programas más cortos y fáciles de mantener.
- \`for\` recorre los elementos de una secuencia, uno en cada vuelta.
- \`range(inicio, fin, paso)\` genera números enteros y nunca incluye el valor de \`fin\`.
- \`while\` repite mientras su condición sea verdadera; asegúrate de que en algún momento deje de serlo.
`,
          quiz: {
            title: 'Comprueba lo aprendido: repetir con bucles',
            passScore: 70,
            questions: [
              {
                prompt: '¿Qué números produce range(5)?',
                options: ['1, 2, 3, 4 y 5', '0, 1, 2, 3, 4 y 5', '0, 1, 2, 3 y 4', 'Solo el número 5'],
                correctOption: 2,
                explanation:
                  'Como vimos en la lección, range(5) empieza en 0 y no incluye el valor final, así que produce 0, 1, 2, 3 y 4: cinco números en total.',
                lessonSection: 'contar-con-range',
              },
              {
                prompt:
                  '¿Cuántas líneas muestra un bucle for fruta in ["manzana", "pera", "uva"] cuyo bloque contiene un solo print(fruta)?',
                options: ['3', '1', '4', 'Ninguna, porque falta un contador'],
                correctOption: 0,
                explanation:
                  'El bucle for ejecuta su bloque una vez por cada elemento de la secuencia. La lista tiene tres elementos, así que se muestran tres líneas, igual que en el ejemplo de la lección.',
                lessonSection: 'el-bucle-for',
              },
              {
                prompt: '¿En qué situación resulta especialmente útil el bucle while?',
                options: [
                  'Cuando quieres recorrer una lista que ya conoces de principio a fin.',
                  'Cuando quieres ejecutar una instrucción una sola vez.',
                  'Cuando necesitas comparar dos textos.',
                  'Cuando no sabes de antemano cuántas repeticiones harán falta y quieres repetir mientras se cumpla una condición.',
                ],
                correctOption: 3,
                explanation:
                  'La lección explica que while repite su bloque mientras una condición sea verdadera, como en el ejemplo que pide la clave hasta que la persona acierta. Para recorrer una lista conocida, for suele ser más cómodo.',
                lessonSection: 'el-bucle-while',
              },
              {
                prompt: '¿Cuál es una causa típica de un bucle infinito?',
                options: [
                  'Usar range() dentro de un for.',
                  'Que la condición del while nunca llegue a ser falsa, por ejemplo por no actualizar la variable dentro del bucle.',
                  'Escribir un print() dentro del bucle.',
                  'Usar una lista con muchos elementos en un for.',
                ],
                correctOption: 1,
                explanation:
                  'Un while se detiene cuando su condición es falsa. Si la variable de la condición nunca cambia, el bucle no termina; la lección recuerda que puedes detenerlo con Ctrl+C o salir con break.',
                lessonSection: 'el-bucle-while',
              },
              {
                prompt:
                  '¿Cuál es la principal ventaja de usar un bucle en lugar de copiar la misma instrucción muchas veces?',
                options: [
                  'El código es más corto, más fácil de leer y, si hay que cambiar algo, se cambia en un solo lugar.',
                  'El programa deja de necesitar variables.',
                  'Los bucles evitan cualquier tipo de error.',
                  'Python solo permite repetir instrucciones usando bucles.',
                ],
                correctOption: 0,
                explanation:
                  'Como se explica al inicio de la lección, un bucle permite escribir la instrucción una sola vez y dejar que Python la repita, lo que hace el código más corto y fácil de mantener.',
                lessonSection: 'por-que-repetir',
              },
            ],
          },
          references: [
            {
              url: 'https://docs.python.org/es/3/tutorial/controlflow.html',
              title: 'Tutorial de Python: Más herramientas para control de flujo',
              snippet:
                'Explica la sentencia for, la función range() y las instrucciones break y continue con ejemplos sencillos.',
            },
            {
              url: 'https://docs.python.org/es/3/tutorial/introduction.html',
              title: 'Tutorial de Python: Una introducción informal a Python',
              snippet:
                'Su apartado final, «Primeros pasos hacia la programación», muestra un bucle while completo que calcula la serie de Fibonacci.',
            },
          ],
        },
      ],
    },
  ],
};
