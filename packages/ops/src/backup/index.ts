export {
  type ArchiveCheck,
  listBackups,
  pruneBackups,
  readManifest,
  receiveBackup,
  removeStalePartials,
  verifyArchive,
} from './archive.ts';
export { type BackupOptions, backup, N8N_EXCLUDES } from './backup.ts';
export { type ConfigPart, configPart, isSecretName, withoutCredentials } from './config.ts';
export { dropDatabase, redactUrl } from './database.ts';
export { findPgTools, majorOf, type PgTools } from './pg-tools.ts';
export { compareTables, drill, type RestoreOptions, restore, verifyDatabase } from './restore.ts';
