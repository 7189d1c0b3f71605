// A CodeMirror 6 editor for XML: line numbers, syntax colours, search (Ctrl+F), undo; one line can be marked as the
// one an error is about (scrolled to and highlighted). CodeMirror adds its styles as <style> elements, which the
// renderer's CSP allows (style-src 'unsafe-inline'); it runs no inline script.
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { xml } from '@codemirror/lang-xml';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { oneDark } from '@codemirror/theme-one-dark';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import { EditorState, StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, highlightActiveLine, keymap, lineNumbers, type DecorationSet } from '@codemirror/view';
import { useComputedColorScheme } from '@mantine/core';
import { useEffect, useRef } from 'react';

/** Marks one line (1-based; 0 clears the mark). */
const markLine = StateEffect.define<number>();
const errorLineDecoration = Decoration.line({ attributes: { class: 'vd-error-line', 'data-testid': 'xml-error-line' } });

const errorLineField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    let next = tr.docChanged ? Decoration.none : marks;
    for (const e of tr.effects) {
      if (!e.is(markLine)) continue;
      next = e.value >= 1 && e.value <= tr.state.doc.lines ? Decoration.set([errorLineDecoration.range(tr.state.doc.line(e.value).from)]) : Decoration.none;
    }
    return next;
  },
  provide: (f) => EditorView.decorations.from(f),
});

const theme = EditorView.theme({
  '&': { fontSize: '12px', height: '100%' },
  '.cm-scroller': { fontFamily: 'var(--mantine-font-family-monospace)' },
  '.vd-error-line': { backgroundColor: 'rgba(250, 82, 82, 0.22)' },
});

export interface CodeEditorProps {
  value: string;
  onChange?: (text: string) => void;
  readOnly?: boolean;
  /** The line to mark as an error's (1-based); 0 or absent: none. */
  errorLine?: number;
  height: string;
  testId: string;
}

export function CodeEditor({ value, onChange, readOnly = false, errorLine = 0, height, testId }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;
  const dark = useComputedColorScheme('light') === 'dark';

  useEffect(() => {
    const extensions: Extension[] = [
      lineNumbers(),
      highlightActiveLine(),
      history(),
      search({ top: true }),
      highlightSelectionMatches(),
      keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap]),
      xml(),
      dark ? oneDark : syntaxHighlighting(defaultHighlightStyle),
      errorLineField,
      theme,
      EditorState.readOnly.of(readOnly),
      EditorView.editable.of(!readOnly),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) changed.current?.(u.state.doc.toString());
      }),
    ];
    const v = new EditorView({ parent: host.current as HTMLDivElement, state: EditorState.create({ doc: value, extensions }) });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The editor is made once per mode and colour scheme; text changes from outside go through the effect below.
  }, [readOnly, dark]);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const line = errorLine >= 1 && errorLine <= v.state.doc.lines ? v.state.doc.line(errorLine) : null;
    v.dispatch({ effects: line ? [markLine.of(errorLine), EditorView.scrollIntoView(line.from, { y: 'center' })] : [markLine.of(0)] });
  }, [errorLine, value]);

  return (
    <div
      ref={host}
      data-testid={testId}
      style={{ height, overflow: 'hidden', border: '1px solid var(--mantine-color-default-border)', borderRadius: 8 }}
    />
  );
}
