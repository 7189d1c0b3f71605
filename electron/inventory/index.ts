export { Inventory, BUSY_TIMEOUT_MS, EVENTS_PER_VM } from './inventory.js';
export { InventoryError, INVENTORY_ERROR_CODES, type InventoryErrorCode } from './errors.js';
export { SCHEMA_VERSION } from './schema.js';
export { defaultHome, inventoryPath, type HomeContext } from './paths.js';
export type * from './types.js';
export { InstanceStore, type StoredImage, type StoredReservation, type StoredInstance } from './instance-store.js';
export { UndoStore, type StoredUndo, type UndoState } from './undo-store.js';
