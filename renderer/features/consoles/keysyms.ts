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
  F1: 0xffbe,
} as const;

export const fKey = (n: number): number => KEY.F1 + n - 1;

export interface KeyCombo {
  id: string;
  label: string;
  keys: readonly number[];
}

export const KEY_COMBOS: readonly KeyCombo[] = [
  { id: 'ctrl-alt-backspace', label: 'Ctrl+Alt+Backspace', keys: [KEY.Control_L, KEY.Alt_L, KEY.BackSpace] },
  ...[1, 2, 3, 4, 5, 6, 7].map((n) => ({ id: `ctrl-alt-f${n}`, label: `Ctrl+Alt+F${n}`, keys: [KEY.Control_L, KEY.Alt_L, fKey(n)] })),
  { id: 'alt-tab', label: 'Alt+Tab', keys: [KEY.Alt_L, KEY.Tab] },
  { id: 'alt-f4', label: 'Alt+F4', keys: [KEY.Alt_L, fKey(4)] },
  { id: 'super', label: 'Super', keys: [KEY.Super_L] },
  { id: 'print', label: 'PrintScreen', keys: [KEY.Print] },
  { id: 'escape', label: 'Esc', keys: [KEY.Escape] },
];

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
