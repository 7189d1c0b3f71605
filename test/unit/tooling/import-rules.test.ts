// The import rules (.dependency-cruiser.cjs) run on a fixture tree laid out like the repo: every
// bad-*.ts import (a broken one-way door, a circle) is reported, and nothing else is.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = 'test/fixtures/import-rules/';
// the package exports no bin path: take the file itself
const depcruise = `${repo}node_modules/dependency-cruiser/bin/dependency-cruiser.mjs`;

interface Violation { from: string; to: string; rule: { name: string } }

function depcruiseOnFixture(...args: string[]) {
  return spawnSync(process.execPath, [depcruise, '--config', '.dependency-cruiser.cjs', ...args, fixture], {
    cwd: repo,
    env: { ...process.env, IMPORT_RULES_ROOT: fixture },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('import rules', () => {
  it('report every one-way door broken in the fixture tree, and only those', () => {
    const result = JSON.parse(depcruiseOnFixture('--output-type', 'json').stdout) as {
      summary: { violations: Violation[] };
    };
    const short = (p: string) => p.replace(fixture, '');
    const violations = result.summary.violations.map((v) => `${short(v.from)} -> ${short(v.to)} (${v.rule.name})`);
    expect(violations.sort()).toEqual([
      'electron/cli/bad-service.ts -> electron/core/service.ts (not-in-allowed)',
      'electron/core/bad-circle-a.ts -> electron/core/bad-circle-b.ts (no-circular)',
      'electron/core/bad-electron.ts -> node_modules/electron/index.js (not-in-allowed)',
      'electron/libvirt/bad-ssh.ts -> electron/ssh/session.ts (not-in-allowed)',
      'electron/libvirt/bad-ssh.ts -> node_modules/ssh2/lib/index.js (not-in-allowed)',
      'renderer/bad-core.ts -> electron/core/service.ts (not-in-allowed)',
      'renderer/bad-node.ts -> fs (not-in-allowed)',
      'shared/bad-node.ts -> path (not-in-allowed)',
    ]);
  }, 60_000); // one depcruise run: seconds on a loaded machine

  it('fail the command that npm run lint:imports runs', () => {
    const run = depcruiseOnFixture();
    expect(run.stdout).toContain('8 dependency violations');
    expect(run.status).not.toBe(0);
  }, 60_000);
});
