import type { RegenerationResult } from '@aula/domain';
import type { Api } from '../api.ts';
import { items } from '../items.ts';
import type { Row } from '../schema/rows.ts';

/** What is said when a run ends: what it was asked to do and the course it worked on. */
export type RunSummary = Pick<Row<'generation_runs'>, 'request'> & {
  course: Pick<Row<'courses'>, 'id' | 'title'> | null;
};

export function getRunSummary(api: Api, runId: string): Promise<RunSummary> {
  return items(api, 'generation_runs').get<'course'>(runId, { fields: ['request', 'course.id', 'course.title'] });
}

/** A regeneration's outcome (the item before and after), kept on the run until a person decides. */
export async function saveRegenerationResult(api: Api, runId: string, result: RegenerationResult): Promise<void> {
  await items(api, 'generation_runs').update(runId, { result });
}
