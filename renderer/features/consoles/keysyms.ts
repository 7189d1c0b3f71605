// X11 keysyms for VNC key events (RFB protocol §7.5.4 uses X keysyms).
export const KEY = {
  Control_L: 0xffe3,
  Alt_L: 0xffe9,
  Super_L: 0xffeb,
  Shift_L: 0xffe1,
  Delete: 0xffff,
  BackSpace: 0xff08,
  Tab: 0xff09,
  Return: 0xff0d,
  Escape: 0xff1b,
  Print: 0xff61,
  Sys_Req: 0xff15,
  F1: 0xffbe,
} as const;

export const fKey = (n: number): number => KEY.F1 + n - 1;

/**
 * One key of a combo: its keysym, and its KeyboardEvent.code, from which noVNC sends the PC scancode when the server
 * speaks QEMU's extended key events (then the guest gets the physical key, whatever its keyboard layout).
 */
export interface Key {
  keysym: number;
  code: string;
}

const ctrl: Key = { keysym: KEY.Control_L, code: 'ControlLeft' };
const alt: Key = { keysym: KEY.Alt_L, code: 'AltLeft' };
const fn = (n: number): Key => ({ keysym: fKey(n), code: `F${n}` });
const letter = (c: string): Key => ({ keysym: c.charCodeAt(0), code: `Key${c.toUpperCase()}` });
// PrintScreen and SysRq are one physical key (Linux: KEY_SYSRQ); X names it Sys_Req while Alt is held.
const print: Key = { keysym: KEY.Print, code: 'PrintScreen' };
const sysRq: Key = { keysym: KEY.Sys_Req, code: 'PrintScreen' };

export interface KeyCombo {
  id: string;
  label: string;
  keys: readonly Key[];
  /** A magic SysRq combo: its command (the menu says what it does). */
  sysrq?: SysRqCommand;
}

export type KeyGroupId = 'system' | 'vt' | 'sysrq' | 'other';

export interface KeyGroup {
  id: KeyGroupId;
  combos: readonly KeyCombo[];
}

/** Linux magic SysRq commands offered (Alt+SysRq+letter): help, sync, remount read-only, SIGTERM, SIGKILL, reboot, off. */
export const SYSRQ_COMMANDS = ['h', 's', 'u', 'e', 'i', 'b', 'o'] as const;
export type SysRqCommand = (typeof SYSRQ_COMMANDS)[number];

const F_KEYS = Array.from({ length: 12 }, (_, i) => i + 1);

export const KEY_GROUPS: readonly KeyGroup[] = [
  {
    id: 'system',
    combos: [
      { id: 'ctrl-alt-del', label: 'Ctrl+Alt+Del', keys: [ctrl, alt, { keysym: KEY.Delete, code: 'Delete' }] },
      { id: 'ctrl-alt-backspace', label: 'Ctrl+Alt+Backspace', keys: [ctrl, alt, { keysym: KEY.BackSpace, code: 'Backspace' }] },
      { id: 'print', label: 'PrintScreen', keys: [print] },
    ],
  },
  { id: 'vt', combos: F_KEYS.map((n) => ({ id: `ctrl-alt-f${n}`, label: `Ctrl+Alt+F${n}`, keys: [ctrl, alt, fn(n)] })) },
  { id: 'sysrq', combos: SYSRQ_COMMANDS.map((c) => ({ id: `sysrq-${c}`, label: `Alt+SysRq+${c.toUpperCase()}`, keys: [alt, sysRq, letter(c)], sysrq: c })) },
  {
    id: 'other',
    combos: [
      { id: 'alt-tab', label: 'Alt+Tab', keys: [alt, { keysym: KEY.Tab, code: 'Tab' }] },
      { id: 'alt-f4', label: 'Alt+F4', keys: [alt, fn(4)] },
      { id: 'super', label: 'Super', keys: [{ keysym: KEY.Super_L, code: 'MetaLeft' }] },
      { id: 'escape', label: 'Esc', keys: [{ keysym: KEY.Escape, code: 'Escape' }] },
    ],
  },
];

export interface KeyEvent {
  keysym: number;
  code: string;
  down: boolean;
}

/** The events pressing a combo sends: every key down in order, then up in reverse (held like fingers would). */
export function comboEvents(keys: readonly Key[]): KeyEvent[] {
  return [...keys.map((k) => ({ ...k, down: true })), ...[...keys].reverse().map((k) => ({ ...k, down: false }))];
}

/** Keysym typing one character: Latin-1 maps to itself, the rest of Unicode to 0x01000000 + code point. */
export function charKeysym(ch: string): number {
  if (ch === '\n' || ch === '\r') return KEY.Return;
  if (ch === '\t') return KEY.Tab;
  const cp = ch.codePointAt(0) as number;
  return (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) ? cp : 0x01000000 + cp;
}

/** Keysyms for typing a text, one per character ("\r\n" counts once). */
export function textKeysyms(text: string): number[] {
  return [...text.replace(/\r\n/g, '\n')].map(charKeysym);
}
