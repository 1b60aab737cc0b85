export * from './channels.ts';
export * from './definitions.ts';
export * from './ledger/index.ts';
export * from './queue.ts';
export * from './queue-depth.ts';
