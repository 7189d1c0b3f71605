// CLI start-up: `virtdeck host list` on a home with no hosts (the inventory only, no network) vs `node -e 0`,
// both as fresh processes, interleaved, after one warm-up run each (the inventory exists, V8's compile cache is
// filled). Goal ≤ 4×: a command loads only its own code and the core it needs. No test bed needed.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI, tempHome } from '../integration/core/helpers.js';
import { median, record } from './report.js';

const RUNS = 21;

/** Wall time of one process run, in ms; fails the bench if the process fails. */
function wall(args: string[], env: NodeJS.ProcessEnv): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t0;
  expect(r.status, r.stderr).toBe(0);
  return ms;
}

describe('CLI start-up', () => {
  it('(d) virtdeck host list (no network) vs node -e 0', () => {
    const env = { ...process.env, VIRTDECK_HOME: tempHome('vd-bench-cli-') };
    const cli = [CLI, 'host', 'list'];
    const bare = ['-e', '0'];
    wall(cli, env);
    wall(bare, env);
    const ours: number[] = [];
    const node: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      ours.push(wall(cli, env));
      node.push(wall(bare, env));
    }
    record({ bench: '(d) CLI start', ours: 'virtdeck host list', oursValue: median(ours), baseline: 'node -e 0', baselineValue: median(node), unit: 'ms', better: 'lower', goal: '≤ 4×', note: 'no hosts: inventory only' });
  });
});
