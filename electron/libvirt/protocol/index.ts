export * from './constants.js';
export * from './procedures.js';
export * from './structs.js';
export * from './states.js';
export * from './domain-events.js';
export * from './object-events.js';
export * from './migration.js';
