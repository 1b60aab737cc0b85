import { DemoCourse, type RoleKey } from '@aula/domain';
import type { Api } from '../api.ts';
import { storeDrawnCover } from '../covers/store-cover.ts';
import {
  createCourse,
  createLesson,
  createModule,
  findCourseBySlug,
  publishCourse,
  removeCourse,
} from '../queries/courses.ts';
import { addLessonReferences } from '../queries/lesson-references.ts';
import { addQuizQuestions } from '../queries/questions.ts';
import { createQuiz } from '../queries/quizzes.ts';
import { createUser, findUserIdByEmail, updateUser } from '../queries/users.ts';
import { demoCourse } from './demo-course.ts';

export type SeedUser = { email: string; password?: string; token?: string; firstName: string; role: RoleKey };

/** Creates each user once (by email); afterwards keeps role and static token in line, never overwrites a password. */
export async function seedUsers(api: Api, users: SeedUser[], roles: Record<RoleKey, string>, changes: string[]) {
  for (const user of users) {
    const found = await findUserIdByEmail(api, user.email);
    const fields = { role: roles[user.role], ...(user.token ? { token: user.token } : {}) };
    if (found) {
      await updateUser(api, found, fields);
      continue;
    }
    await createUser(api, {
      email: user.email,
      password: user.password,
      first_name: user.firstName,
      language: 'es-ES',
      status: 'active',
      ...fields,
    });
    changes.push(`user ${user.email}`);
  }
}

/**
 * Project settings: open sign-up lands in the Student role, with e-mail verification when asked
 * (it needs a mail server: EMAIL_* in Directus's environment). Directus's own limit on failed
 * sign-ins is off: it suspends the account for good, so anyone could lock anyone out; the
 * aula-accounts extension throttles with delays that expire instead.
 */
export async function applySettings(api: Api, roles: Record<RoleKey, string>, options: { verifyEmail: boolean }) {
  await api.request('PATCH', '/settings', {
    project_name: 'Aula',
    project_descriptor: 'Cursos escritos por IA, revisados por personas',
    default_language: 'es-ES',
    public_registration: true,
    public_registration_role: roles.student,
    public_registration_verify_email: options.verifyEmail,
    auth_login_attempts: null,
  });
}

/**
 * The hand-written demo course, published. Seeded once: an existing complete copy (same slug, all
 * lessons present) is left alone, so edits made in the studio survive; a partial one (a crash midway)
 * is removed and written again.
 */
export async function seedDemoCourse(api: Api, changes: string[]) {
  const course = DemoCourse.parse(demoCourse);
  const lessonCount = course.modules.reduce((n, m) => n + m.lessons.length, 0);
  const existing = await findCourseBySlug(api, course.slug);
  if (existing && existing.lessons.length === lessonCount) {
    // A copy seeded before covers existed gets its drawn one.
    if (!existing.cover) {
      await storeDrawnCover(api, { courseId: existing.id, title: course.title, subject: course.audience });
      changes.push(`demo course ${course.slug}: cover`);
    }
    return;
  }
  if (existing) await removeCourse(api, existing.id);

  const minutes = course.modules.flatMap((m) => m.lessons).reduce((n, l) => n + l.estimatedMinutes, 0);
  const courseId = await createCourse(api, {
    slug: course.slug,
    title: course.title,
    summary: course.summary,
    language: course.language,
    audience: course.audience,
    level: course.level,
    estimated_minutes: minutes,
    status: 'draft',
  });
  for (const [moduleIndex, mod] of course.modules.entries()) {
    const moduleId = await createModule(api, {
      course: courseId,
      title: mod.title,
      summary: mod.summary,
      sort: moduleIndex + 1,
    });
    for (const [lessonIndex, lesson] of mod.lessons.entries()) {
      const lessonId = await createLesson(api, {
        course: courseId,
        module: moduleId,
        slug: lesson.slug,
        title: lesson.title,
        body: lesson.body,
        objectives: lesson.objectives,
        sort: lessonIndex + 1,
        estimated_minutes: lesson.estimatedMinutes,
      });
      const quizId = await createQuiz(api, {
        course: courseId,
        lesson: lessonId,
        title: lesson.quiz.title,
        pass_score: lesson.quiz.passScore,
      });
      await addQuizQuestions(
        api,
        quizId,
        lesson.quiz.questions.map((q) => ({ ...q, lessonSection: q.lessonSection ?? null })),
      );
      await addLessonReferences(api, lessonId, lesson.references);
    }
  }
  await storeDrawnCover(api, { courseId, title: course.title, subject: course.audience });
  await publishCourse(api, courseId);
  changes.push(`demo course ${course.slug}`);
}
