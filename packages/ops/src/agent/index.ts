export { type BackupApi, type BackupSettings, backupLibrary } from './backups.ts';
export { type Catalogue, compareCatalogues, readCatalogue } from './catalogue.ts';
export { type AgentClient, AgentError, agentClient } from './client.ts';
export { recreateDatabase } from './database.ts';
export { drainGenerationQueue } from './drain.ts';
export { AuditLog, CancelledError, type OperationContext, Operations } from './operations.ts';
export { type AgentOptions, type RunningAgent, startAgent } from './server.ts';
export type { Services } from './services.ts';
