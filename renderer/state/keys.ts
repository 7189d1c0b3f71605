/** Store key of a VM: host names cannot contain "/", so this is unambiguous. */
export function vmKey(host: string, uuid: string): string {
  return `${host}/${uuid}`;
}
