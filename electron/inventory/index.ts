export { Inventory, BUSY_TIMEOUT_MS } from './inventory.js';
export { InventoryError, INVENTORY_ERROR_CODES, type InventoryErrorCode } from './errors.js';
export { SCHEMA_VERSION } from './schema.js';
export { defaultHome, inventoryPath, type HomeContext } from './paths.js';
export type * from './types.js';
export { InstanceStore, type StoredImage, type StoredReservation, type StoredInstance } from './instance-store.js';
