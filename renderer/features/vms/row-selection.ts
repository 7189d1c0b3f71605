// Row selection with the keyboard's shift: a click toggles a row and anchors there; a shift-click selects every shown
// row from the anchor to the clicked one (added to the selection, as file managers do). Pure.

export interface RowSelection {
  selected: Readonly<Record<string, true>>;
  anchor: string | null;
}

export function clickRow(shown: readonly string[], state: RowSelection, key: string, range: boolean): RowSelection {
  const from = state.anchor === null ? -1 : shown.indexOf(state.anchor);
  const to = shown.indexOf(key);
  if (range && from !== -1 && to !== -1) {
    const next: Record<string, true> = { ...state.selected };
    for (const k of shown.slice(Math.min(from, to), Math.max(from, to) + 1)) next[k] = true;
    return { selected: next, anchor: state.anchor };
  }
  const next: Record<string, true> = { ...state.selected };
  if (next[key]) delete next[key];
  else next[key] = true;
  return { selected: next, anchor: key };
}
