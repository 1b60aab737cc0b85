import type { AuditEntry } from '@aula/ops/contract';

/** One line of the panel's audit list: an agent's audit entry, the host it came from, a key unique in the list. */
export type AuditRow = AuditEntry & { host: string; key: string };
