export const INVENTORY_ERROR_CODES = [
  'host-exists',
  'host-not-found',
  'image-exists',
  /** A pool/volume already registered as another image. */
  'volume-registered',
  'invalid',
  /** The file was written by a newer VirtDeck (its schema version is above the ones this build knows). */
  'schema-too-new',
] as const;
export type InventoryErrorCode = (typeof INVENTORY_ERROR_CODES)[number];

export class InventoryError extends Error {
  readonly code: InventoryErrorCode;
  /** The names the error is about (host, vm, ...), for the core to report them as data. */
  readonly params: Readonly<Record<string, string | number>>;

  constructor(code: InventoryErrorCode, message: string, params: Readonly<Record<string, string | number>> = {}) {
    super(message);
    this.name = 'InventoryError';
    this.code = code;
    this.params = params;
  }
}
