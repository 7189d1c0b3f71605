// The key combos a console sends: the events in order (all down, then up in reverse), the keysyms X and the scancodes
// (via KeyboardEvent.code, noVNC's XT table) QEMU gives the guest, grouped as the menu shows them.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { comboEvents, KEY_GROUPS, type KeyCombo } from '../../../renderer/features/consoles/keysyms.js';

const combo = (id: string): KeyCombo => {
  const c = KEY_GROUPS.flatMap((g) => g.combos).find((x) => x.id === id);
  if (!c) throw new Error(`no combo ${id}`);
  return c;
};
/** noVNC's KeyboardEvent.code → XT scancode table (not among the package's exports: read from its source). */
const XT: Record<string, number> = Object.fromEntries(
  [...readFileSync(resolve(import.meta.dirname, '../../../node_modules/@novnc/novnc/core/input/xtscancodes.js'), 'utf8').matchAll(/"(\w+)": 0x([0-9a-f]+)/g)].map((m) => [m[1], parseInt(m[2] as string, 16)]),
);
const events = (id: string) => comboEvents(combo(id).keys).map((e) => `${e.down ? '+' : '-'}${e.code}:${e.keysym.toString(16)}`);

describe('send keys', () => {
  it('Ctrl+Alt+Del: Control_L, Alt_L, Delete down, then up in reverse', () => {
    expect(events('ctrl-alt-del')).toEqual(['+ControlLeft:ffe3', '+AltLeft:ffe9', '+Delete:ffff', '-Delete:ffff', '-AltLeft:ffe9', '-ControlLeft:ffe3']);
  });

  it('Ctrl+Alt+F1..F12 are all there, with the F keysyms 0xffbe..0xffc9', () => {
    const vt = KEY_GROUPS.find((g) => g.id === 'vt')?.combos ?? [];
    expect(vt.map((c) => c.label)).toEqual(Array.from({ length: 12 }, (_, i) => `Ctrl+Alt+F${i + 1}`));
    expect(events('ctrl-alt-f12')).toEqual(['+ControlLeft:ffe3', '+AltLeft:ffe9', '+F12:ffc9', '-F12:ffc9', '-AltLeft:ffe9', '-ControlLeft:ffe3']);
    expect(events('ctrl-alt-f1')[2]).toBe('+F1:ffbe');
  });

  it('PrintScreen is the Print keysym on the SysRq key', () => {
    expect(events('print')).toEqual(['+PrintScreen:ff61', '-PrintScreen:ff61']);
  });

  it('magic SysRq: Alt held, SysRq (Sys_Req on the same key), the command letter; released in reverse', () => {
    expect(events('sysrq-b')).toEqual(['+AltLeft:ffe9', '+PrintScreen:ff15', '+KeyB:62', '-KeyB:62', '-PrintScreen:ff15', '-AltLeft:ffe9']);
    const sysrq = KEY_GROUPS.find((g) => g.id === 'sysrq')?.combos ?? [];
    expect(sysrq.map((c) => c.sysrq)).toEqual(['h', 's', 'u', 'e', 'i', 'b', 'o']);
  });

  it('every key of every combo has a PC scancode (QEMU passes the physical key whatever the layout)', () => {
    // The PrintScreen code is Linux's KEY_SYSRQ: the key magic SysRq listens to.
    expect(XT['PrintScreen']).toBe(0x54);
    for (const g of KEY_GROUPS) for (const c of g.combos) for (const k of c.keys) expect(XT[k.code], `${c.id} ${k.code}`).toBeGreaterThan(0);
  });

  it('the groups are system, virtual terminals, SysRq, other; combo ids are unique', () => {
    expect(KEY_GROUPS.map((g) => g.id)).toEqual(['system', 'vt', 'sysrq', 'other']);
    const ids = KEY_GROUPS.flatMap((g) => g.combos.map((c) => c.id));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
