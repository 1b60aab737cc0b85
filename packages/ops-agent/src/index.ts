export { diagnose, diagnosisMessages, EFFORT_BY_SEVERITY, type Evidence, fence, ruleDiagnosis } from './diagnose.ts';
export { type EngineOptions, OpsEngine, type Policy, postmortemOf } from './engine.ts';
export { composeDependencies, type Dependencies, needs, readComposeDependencies, rootCauses } from './graph.ts';
export { dokployPlatform, hostAgentPlatform, type Platform, type Target } from './platform.ts';
export { ACTION_KINDS, type ActionKind, RUNBOOKS, type Runbook, runbooksFor, validateRunbooks } from './runbooks.ts';
export * from './store.ts';
export { TelegramBot, type TelegramOptions } from './telegram.ts';
export * from './watch.ts';
