import { describe, expect, it } from 'vitest';
import { parseRef, UsageError } from '../../../electron/cli/args.js';

describe('parseRef', () => {
  it('splits HOST/POOL/VOL into the named parts', () => {
    expect(parseRef('h1/default/disk.qcow2', 'host', 'pool', 'vol')).toEqual({ host: 'h1', pool: 'default', vol: 'disk.qcow2' });
    expect(parseRef('h2/net0', 'host', 'network')).toEqual({ host: 'h2', network: 'net0' });
  });

  it.each([undefined, '', 'h1', 'h1/', '/net', 'h1//net', 'h1/net/extra'])('refuses %j with a usage error naming the parts', (text) => {
    expect(() => parseRef(text, 'host', 'net')).toThrow(UsageError);
    expect(() => parseRef(text, 'host', 'net')).toThrow(`expected HOST/NET, got "${text ?? ''}"`);
  });
});
