// The line diff of a definition before it is defined: unified hunks, removed lines red, added lines green.
import { Code, ScrollArea } from '@mantine/core';
import { lineDiff, unifiedDiff } from '../../../shared/model/line-diff.js';

const COLOR: Record<string, string | undefined> = {
  '+': 'var(--mantine-color-green-light)',
  '-': 'var(--mantine-color-red-light)',
  '@': 'var(--mantine-color-blue-light)',
};

export function DiffView({ before, after, height }: { before: string; after: string; height: string }) {
  const lines = unifiedDiff(lineDiff(before, after), { before: 'defined', after: 'edited' }).split('\n').slice(2, -1);
  return (
    <ScrollArea h={height} type="auto" style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 8 }}>
      <Code block data-testid="xml-diff" style={{ fontSize: 12, background: 'none' }}>
        {lines.map((l, k) => (
          <div key={k} data-op={l[0]} style={{ background: COLOR[l[0] ?? ''], whiteSpace: 'pre' }}>
            {l}
          </div>
        ))}
      </Code>
    </ScrollArea>
  );
}
