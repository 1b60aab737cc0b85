import type { AuditEntry, HostView } from '@aula/ops/contract';

/** Why a host's agent gave no usable answer: the panel says each in the reader's language. */
export type AgentFailure = 'no-token' | 'timeout' | 'unreachable' | 'token-refused' | 'refused' | 'answer';

/**
 * A host as the panel shows it: the contract's HostView and, for one that did not answer, which failure
 * it was (the view's `error` stays the technical detail, in English).
 */
export type PanelHostView = HostView & { failure?: AgentFailure };

/** One line of the panel's audit list: an agent's audit entry, the host it came from, a key unique in the list. */
export type AuditRow = AuditEntry & { host: string; key: string };

/** A host whose audit log could not be read. */
export type AuditProblem = { host: string; failure: AgentFailure; detail: string };

/** `GET /api/admin/audit`. */
export type AuditAnswer = { entries: AuditRow[]; problems: AuditProblem[] };
