export * from './contract.js';
export * from './schemas.js';
