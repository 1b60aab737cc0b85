/**
 * The studio's analytics as SQL aggregates: PostgreSQL counts, ranks and correlates; Node receives
 * one row per lesson, question, section or period, never one per attempt. Each takes the course id
 * (`?`) as many times as it says. Decision 019 explains each figure.
 */

/** New enrolments per day (per week when they span more than 90 days), empty periods included. */
export const ENROLMENTS_SQL = `
WITH e AS (SELECT date_created AT TIME ZONE 'UTC' AS at FROM enrollments WHERE course = ?),
u AS (SELECT CASE WHEN max(at) - min(at) > interval '90 days' THEN 'week' ELSE 'day' END AS unit,
             min(at) AS lo, max(at) AS hi FROM e),
c AS (SELECT date_trunc(u.unit, e.at) AS p, count(*)::int AS n FROM e CROSS JOIN u GROUP BY 1)
SELECT u.unit, to_char(p, 'YYYY-MM-DD') AS period, coalesce(c.n, 0)::int AS count
FROM u CROSS JOIN generate_series(date_trunc(u.unit, u.lo), date_trunc(u.unit, u.hi), ('1 ' || u.unit)::interval) AS p
LEFT JOIN c USING (p)
ORDER BY p`;

export const ENROLMENT_TOTALS_SQL = `
SELECT count(*)::int AS total, count(completed_at)::int AS completed FROM enrollments WHERE course = ?`;

export const LESSONS_COMPLETED_SQL = `
SELECT lesson, count(*)::int AS completed FROM lesson_progress
WHERE course = ? AND completed_at IS NOT NULL GROUP BY lesson`;

/**
 * Per quiz: attempts, students, students who passed under its score rule (best: any attempt passed;
 * last: the latest one did), first attempts passed, and the mean score of first attempts.
 */
export const QUIZZES_SQL = `
WITH a AS (
  SELECT qa.quiz, qa."user", qa.passed, qa.score, q.score_rule,
         row_number() OVER (PARTITION BY qa.quiz, qa."user" ORDER BY qa.date_created, qa.id) AS n,
         row_number() OVER (PARTITION BY qa.quiz, qa."user" ORDER BY qa.date_created DESC, qa.id DESC) AS back
  FROM quiz_attempts qa JOIN quizzes q ON q.id = qa.quiz WHERE q.course = ?
), s AS (
  SELECT quiz, "user", count(*) AS attempts,
         bool_or(CASE WHEN score_rule = 'last' THEN back = 1 AND passed ELSE passed END) AS passed,
         bool_or(n = 1 AND passed) AS first_passed,
         max(score) FILTER (WHERE n = 1) AS first_score
  FROM a GROUP BY quiz, "user"
)
SELECT quiz, sum(attempts)::int AS attempts, count(*)::int AS students,
       count(*) FILTER (WHERE passed)::int AS passed, count(*) FILTER (WHERE first_passed)::int AS first_passed,
       avg(first_score)::float8 AS first_mean
FROM s GROUP BY quiz`;

/**
 * Item analysis over each student's first attempt at each quiz (as graded then; the first attempts are
 * picked by id before their results are read, so the sort stays narrow): difficulty = share
 * correct, discrimination = Pearson's r between the question (0/1) and the rest of that attempt's
 * score (the other questions right), i.e. the corrected point-biserial; how often each option was chosen.
 */
export const QUESTIONS_SQL = `
WITH first AS (
  SELECT DISTINCT ON (qa.quiz, qa."user") qa.id
  FROM quiz_attempts qa JOIN quizzes q ON q.id = qa.quiz
  WHERE q.course = ? AND qa.results IS NOT NULL
  ORDER BY qa.quiz, qa."user", qa.date_created, qa.id
), items AS (
  SELECT f.id AS attempt, r->>'questionId' AS question, (r->>'chosen')::int AS chosen,
         CASE WHEN (r->>'correct')::boolean THEN 1 ELSE 0 END AS ok
  FROM first f JOIN quiz_attempts qa ON qa.id = f.id
  CROSS JOIN LATERAL jsonb_array_elements(qa.results::jsonb) AS r
), scored AS (
  SELECT question, chosen, ok, sum(ok) OVER (PARTITION BY attempt) - ok AS rest FROM items
)
SELECT question, count(*)::int AS answered, avg(ok)::float8 AS difficulty,
       corr(ok::float8, rest::float8)::float8 AS discrimination,
       count(*) FILTER (WHERE chosen = 0)::int AS o0, count(*) FILTER (WHERE chosen = 1)::int AS o1,
       count(*) FILTER (WHERE chosen = 2)::int AS o2, count(*) FILTER (WHERE chosen = 3)::int AS o3
FROM scored GROUP BY question`;

/** Wrong answers of every attempt, by the section each question sent the student back to. */
export const WRONG_BY_SECTION_SQL = `
SELECT q.lesson, r->>'lessonSection' AS anchor, count(*)::int AS wrong
FROM quiz_attempts qa JOIN quizzes q ON q.id = qa.quiz
CROSS JOIN LATERAL jsonb_array_elements(qa.results::jsonb) AS r
WHERE q.course = ? AND qa.results IS NOT NULL AND r->>'correct' = 'false' AND coalesce(r->>'lessonSection', '') <> ''
GROUP BY 1, 2`;

/**
 * Students' tutor messages by section: binds the sections (JSON: lesson, anchor, keywords) then the
 * course. A message counts for a section when the tutor's next answer cites it (\`](#anchor)\`), or
 * when it contains at least half of the section's keywords as whole words (accents and case ignored).
 */
export const TUTOR_BY_SECTION_SQL = `
WITH s AS (SELECT * FROM json_to_recordset(?::json) AS s(lesson uuid, anchor text, keywords text[])),
asked AS (
  SELECT m.id, c.lesson,
         translate(lower(m.content), 'áéíóúüñàèìòùç', 'aeiouunaeiouc') AS said,
         (SELECT r.content FROM tutor_messages r
           WHERE r.conversation = m.conversation AND r.role = 'assistant'
             AND (r.date_created, r.id) > (m.date_created, m.id)
           ORDER BY r.date_created, r.id LIMIT 1) AS reply
  FROM tutor_messages m JOIN tutor_conversations c ON c.id = m.conversation
  WHERE c.course = ? AND m.role = 'user'
)
SELECT s.lesson, s.anchor, count(*)::int AS asked
FROM asked a JOIN s ON s.lesson = a.lesson
WHERE strpos(coalesce(a.reply, ''), '](#' || s.anchor || ')') > 0
   OR (cardinality(s.keywords) > 0
       AND 2 * (SELECT count(*) FROM unnest(s.keywords) AS k WHERE a.said ~ ('\\m' || k || '\\M')) >= cardinality(s.keywords))
GROUP BY 1, 2`;

/** Every recorded step of each student in the course, and the minutes since their previous one. */
const GAPS = `
WITH ev AS (
  SELECT "user", date_created AS at, NULL::uuid AS lesson FROM enrollments WHERE course = ?
  UNION ALL SELECT "user", completed_at, lesson FROM lesson_progress WHERE course = ? AND completed_at IS NOT NULL
  UNION ALL SELECT qa."user", qa.date_created, NULL FROM quiz_attempts qa JOIN quizzes q ON q.id = qa.quiz WHERE q.course = ?
  UNION ALL SELECT c."user", m.date_created, NULL FROM tutor_messages m
            JOIN tutor_conversations c ON c.id = m.conversation WHERE c.course = ? AND m.role = 'user'
), gaps AS (
  SELECT "user", lesson, extract(epoch FROM at - lag(at) OVER (PARTITION BY "user" ORDER BY at)) / 60 AS minutes FROM ev
)`;

/** Binds the course 4 times, then the longest gap that still counts as work (minutes). */
export const LESSON_MINUTES_SQL = `${GAPS}
SELECT lesson, percentile_cont(0.5) WITHIN GROUP (ORDER BY minutes)::float8 AS median
FROM gaps WHERE lesson IS NOT NULL AND minutes <= ? GROUP BY lesson`;

/** Binds the course 4 times, then the longest gap that still counts as work (minutes). */
export const STUDENT_MINUTES_SQL = `${GAPS}, per AS (
  SELECT "user", coalesce(sum(minutes) FILTER (WHERE minutes <= ?), 0) AS active, count(minutes) AS steps
  FROM gaps GROUP BY "user"
)
SELECT count(*) FILTER (WHERE steps > 0)::int AS students,
       (percentile_cont(0.5) WITHIN GROUP (ORDER BY active) FILTER (WHERE steps > 0))::float8 AS median,
       coalesce(sum(active), 0)::float8 AS total
FROM per`;
