export const INVENTORY_ERROR_CODES = [
  'host-exists',
  'host-not-found',
  'vm-not-found',
  'invalid',
  /** The file was written by a newer VirtDeck (its schema version is above the ones this build knows). */
  'schema-too-new',
] as const;
export type InventoryErrorCode = (typeof INVENTORY_ERROR_CODES)[number];

export class InventoryError extends Error {
  readonly code: InventoryErrorCode;

  constructor(code: InventoryErrorCode, message: string) {
    super(message);
    this.name = 'InventoryError';
    this.code = code;
  }
}
