// What the hardware integration tests share: virsh on one host, both definitions parsed, a foreign <metadata>
// element in comparison form, the code of a refused call, and a tiny domain started with ACPI (PCI hot-plug).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalXml } from '../../../electron/libvirt/xml/canonical.js';
import { DomainXml } from '../../../electron/libvirt/xml/domain.js';
import type { TestBed } from '../testbed.js';

export const FOREIGN_NS = 'https://example.org/xmlns/other-app';

export function hwHelpers(tb: TestBed, host: number) {
  const virsh = (...a: string[]) => tb.virsh(host, ...a);
  const config = (name: string) => DomainXml.parse(virsh('dumpxml', '--inactive', name));
  return {
    virsh,
    config,
    live: (name: string) => DomainXml.parse(virsh('dumpxml', name)),
    /** The other application's <metadata> element (c14n), null when gone. */
    foreign: (name: string) => {
      const el = config(name).metadataElement(FOREIGN_NS);
      return el === null ? null : canonicalXml(el.toString());
    },
    /** Runs a cleanup step that may find its object gone already. */
    quiet: (f: () => unknown) => {
      try {
        f();
      } catch {
        /* already gone */
      }
    },
    /** Starts a defined domain with ACPI on (PCI hot-plug on the pc machine goes through it). */
    startWithAcpi: (name: string) => {
      const x = config(name);
      x.setFeature('acpi', true);
      const file = join(mkdtempSync(join(tmpdir(), 'vd-hw-acpi-')), 'dom.xml');
      writeFileSync(file, x.toXml());
      virsh('define', file);
      virsh('start', name);
    },
  };
}

/** The code a call was refused with; fails when it was not refused. */
export async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
  throw new Error('the call was not refused');
}
