// vCPUs and memory: the config through the domain model (current and maximum together, so a maximum never ends
// below its current value), the live domain through setVcpus/setMemory (maximums are config only).
import type { HwChangeResult, HwPart } from '../../../../shared/model/hardware.js';
import { DomainImpact } from '../../../libvirt/protocol/index.js';
import { CoreError } from '../../errors.js';
import { libvirtError } from '../../libvirt-errors.js';
import type { Scope } from './scope.js';
import { defineConfig, type HwTarget } from './target.js';

export interface ResourceChange {
  vcpus?: number;
  maxVcpus?: number;
  memoryMiB?: number;
  maxMemoryMiB?: number;
}

const KIB = 1024;

/** New current and maximum from what was asked and what is: an unasked maximum grows to fit the current. */
function fit(part: string, asked: number | undefined, askedMax: number | undefined, current: number, max: number): { value: number; max: number } {
  const value = asked ?? current;
  const newMax = askedMax ?? Math.max(max, value);
  if (newMax < value) throw new CoreError('vm.max-below-current', { part, value, max: newMax });
  return { value, max: newMax };
}

export async function changeResources(t: HwTarget, scope: Scope, c: ResourceChange): Promise<HwChangeResult> {
  if (c.vcpus === undefined && c.maxVcpus === undefined && c.memoryMiB === undefined && c.maxMemoryMiB === undefined) {
    throw new CoreError('vm.no-change', {});
  }
  const x = t.config;
  const cpus = fit('vcpus', c.vcpus, c.maxVcpus, x.currentVcpus ?? x.vcpus ?? 1, x.vcpus ?? 1);
  const maxKiB = x.memoryKiB ?? 0;
  const mem = fit('memory', c.memoryMiB && c.memoryMiB * KIB, c.maxMemoryMiB && c.maxMemoryMiB * KIB, x.currentMemoryKiB ?? maxKiB, maxKiB);

  const live: HwPart[] = [];
  if (scope.live) {
    const tryLive = async (part: HwPart, change: () => Promise<unknown>): Promise<void> => {
      try {
        await change();
        live.push(part);
      } catch (err) {
        if (!scope.auto) throw libvirtError(err, 'vm.change-failed', t.who);
      }
    };
    if (c.vcpus !== undefined) await tryLive('vcpus', () => t.lv.domainSetVcpus(t.dom, cpus.value, DomainImpact.LIVE));
    if (c.memoryMiB !== undefined) await tryLive('memory', () => t.lv.domainSetMemory(t.dom, mem.value, DomainImpact.LIVE));
  }

  const config: HwPart[] = [];
  if (scope.config) {
    const cpuMaxChanged = cpus.max !== (x.vcpus ?? 1);
    const memMaxChanged = mem.max !== maxKiB;
    x.vcpus = cpus.max;
    x.currentVcpus = cpus.value < cpus.max ? cpus.value : null;
    x.memoryKiB = mem.max;
    x.currentMemoryKiB = mem.value;
    await defineConfig(t);
    if (c.vcpus !== undefined) config.push('vcpus');
    if (cpuMaxChanged) config.push('max-vcpus');
    if (c.memoryMiB !== undefined) config.push('memory');
    if (memMaxChanged) config.push('max-memory');
  }
  return { running: t.running, live, config };
}
