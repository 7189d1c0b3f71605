// `virtdeck vm migrate` usage mistakes are refused before anything opens: one line, exit 2.
import { describe, expect, it } from 'vitest';
import { runMain as run } from './run-main.js';

describe('vm migrate usage', () => {
  it.each([
    [['vm', 'migrate', 'h1/web'], 'virtdeck: missing DEST (see virtdeck vm migrate --help)\n'],
    [['vm', 'migrate', 'h1/web', 'h2', '--copy-storage', '--shared-storage'], 'virtdeck: give --copy-storage or --shared-storage, not both\n'],
    [['vm', 'migrate', 'h1/web', 'h2', '--map-network', 'lan'], 'virtdeck: --map-network takes SOURCE=TARGET, got "lan"\n'],
    [['vm', 'migrate', 'h1/web', 'h2', '--max-downtime', '1s'], 'virtdeck: --max-downtime must be a whole number, got "1s"\n'],
  ])('%j', async (argv, stderr) => {
    expect(await run(...argv)).toEqual({ code: 2, stdout: '', stderr });
  });

  it('its help page lists the flags', async () => {
    const r = await run('vm', 'migrate', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: virtdeck vm migrate HOST\/VM DEST \[options\]/);
    for (const flag of ['--offline', '--copy-storage', '--shared-storage', '--map-network SRC=DST', '--delete-source', '--max-downtime MS', '--bandwidth MIB', '--ip CIDR|auto', '--json']) {
      expect(r.stdout).toContain(flag);
    }
  });
});
