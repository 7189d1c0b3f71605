export * from './vm.js';
export * from './host.js';
export * from './events.js';
export * from './task.js';
export * from './stats.js';
export * from './instance.js';
