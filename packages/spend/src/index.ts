export * from './ceilings.ts';
export * from './spend-ledger.ts';
