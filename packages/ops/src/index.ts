export * from './backup/index.ts';
export * from './contract.ts';
