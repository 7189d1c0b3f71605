import { describe, expect, it } from 'vitest';
import { appendChunks, parentsOf } from '../../../electron/ssh/sftp-files.js';

describe('SFTP appends', () => {
  it('cut after a newline, so no line is split between two writes', () => {
    const data = Buffer.from('aaaa\nbbbbbb\ncc\n');
    expect(appendChunks(data, 8).map(String)).toEqual(['aaaa\n', 'bbbbbb\n', 'cc\n']);
    expect(appendChunks(Buffer.from('x'.repeat(10)), 4).map(String)).toEqual(['xxxx', 'xxxx', 'xx']); // a longer line has to be cut
    expect(appendChunks(Buffer.alloc(0))).toEqual([]);
  });
  it('directories to make, outermost first', () => {
    expect(parentsOf('/var/lib/virtdeck/audit/audit.jsonl')).toEqual(['/var', '/var/lib', '/var/lib/virtdeck', '/var/lib/virtdeck/audit']);
  });
});
