import type { MyCertificates } from '@aula/domain';
import type { Ctx } from '../../context.ts';
import { CERTIFICATE_FIELDS, certificateOf } from './certificate-rows.ts';

/** The caller's own certificates, newest first. */
export async function listMyCertificates({ ctx }: { ctx: Ctx }): Promise<MyCertificates> {
  const rows = await ctx.items('certificates').readByQuery({
    filter: { user: { _eq: ctx.user } },
    fields: [...CERTIFICATE_FIELDS],
    sort: ['-issued_at', '-id'],
    limit: -1,
  });
  if (rows.length === 0) return { certificates: [] };
  const courses = await ctx.items('courses').readByQuery({
    filter: { id: { _in: [...new Set(rows.map((r) => r.course))] } },
    fields: ['id', 'slug', 'language'],
    limit: -1,
  });
  return {
    certificates: rows.flatMap((row) => {
      const course = courses.find((c) => c.id === row.course);
      return course ? [certificateOf(row, course)] : [];
    }),
  };
}
