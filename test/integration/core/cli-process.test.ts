// The built CLI as a process (bin/virtdeck.js → dist/cli): help at every level, completion in a real bash asking
// the real `virtdeck __complete` (host names from the inventory), and local commands. No test bed needed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Inventory } from '../../../electron/inventory/inventory.js';
import type { ErrorReport } from '../../../shared/model/errors.js';
import { inventoryPath } from '../../../electron/inventory/paths.js';
import { CLI, runCli, tempHome } from './helpers.js';

describe('virtdeck as a process', () => {
  const home = tempHome('vd-cli-proc-');

  beforeAll(() => {
    const inv = Inventory.open(inventoryPath(home));
    for (const name of ['alpha', 'beta']) inv.addHost({ name, transport: 'ssh', ssh: { host: `${name}.invalid` }, uri: 'qemu:///system' });
    inv.close();
  });

  it('help pages at every level: --help, help GROUP, GROUP --help, COMMAND --help', async () => {
    const top = await runCli(home, ['--help']);
    expect(top).toMatchObject({ code: 0, stderr: '' });
    expect(top.stdout).toMatch(/^ {2}pool … +storage pools/m);
    const group = await runCli(home, ['help', 'pool']);
    expect(group.stdout).toMatch(/^usage: virtdeck pool COMMAND …\n/);
    expect((await runCli(home, ['pool', '--help'])).stdout).toBe(group.stdout);
    const define = await runCli(home, ['pool', 'define', '--help']);
    expect(define).toMatchObject({ code: 0, stderr: '' });
    expect(define.stdout).toMatch(/^usage: virtdeck pool define HOST NAME --type TYPE \[options\]\n/);
    expect(define.stdout).toMatch(/^ {2}--source-dev DEV… +source device/m);
  });

  it('lists the hosts of the inventory, each with why it is not online', async () => {
    const r = await runCli(home, ['host', 'list', '--json']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const hosts = JSON.parse(r.stdout) as Array<{ name: string; status: string; lastError: ErrorReport | null }>;
    expect(hosts.map((h) => [h.name, h.status])).toEqual([['alpha', 'offline'], ['beta', 'offline']]);
    // The JSON carries the core's report; the table words it.
    expect(hosts[0]?.lastError).toMatchObject({ code: 'ssh.unreachable', params: { target: expect.stringContaining('alpha.invalid') } });
    const table = await runCli(home, ['host', 'list']);
    expect(table.stdout).toMatch(/^alpha +offline .*alpha\.invalid/m);
  });

  it('bash completes commands, choices and host names through the real CLI', () => {
    const bin = join(home, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'virtdeck'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`, { mode: 0o755 });
    const complete = (...words: string[]): string[] => {
      const script = `eval "$(virtdeck completion bash)"; COMP_WORDS=(virtdeck ${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length}; _virtdeck; printf '%s\\n' "\${COMPREPLY[@]}"`;
      const r = spawnSync('bash', ['-c', script], { env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, VIRTDECK_HOME: home }, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      return r.stdout.split('\n').filter(Boolean);
    };
    expect(complete('po')).toEqual(['pool']);
    expect(complete('pool', 'define', 'h', 'p', '--type', 'n')).toEqual(['netfs']);
    expect(complete('host', 'test', '')).toEqual(['alpha', 'beta']);
  });

  it('a usage mistake is one line and exit 2; an unknown host is one line and exit 1', async () => {
    expect(await runCli(home, ['vol', 'create', 'h/p', 'v', '--prealloc', 'some'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'virtdeck: --prealloc must be one of off, metadata, full, got "some" (see virtdeck vol create --help)\n',
    });
    expect(await runCli(home, ['vm', 'start', 'gamma/x'])).toEqual({ code: 1, stdout: '', stderr: 'virtdeck: no host named "gamma" (see virtdeck host list)\n' });
  });
});
