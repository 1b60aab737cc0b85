export * from './flow.ts';
export * from './run-ledger.ts';
export * from './store.ts';
