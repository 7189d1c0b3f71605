import { randomUUID } from 'node:crypto';
import { emitYaml } from './yaml-doc.js';

/** A fresh instance id: cloud-init runs its once-per-instance modules when it changes. */
export function newInstanceId(hostname: string): string {
  return `iid-${hostname}-${randomUUID()}`;
}

export function renderMetaData(instanceId: string, hostname: string): string {
  return emitYaml({ 'instance-id': instanceId, 'local-hostname': hostname });
}
