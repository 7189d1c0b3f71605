// `virtdeck alert` usage mistakes are refused before anything opens: one line, exit 2.
import { describe, expect, it } from 'vitest';
import { runMain as run } from './run-main.js';

describe('alert usage', () => {
  it.each([
    [['alert', 'rule', 'set', 'disk-full'], 'virtdeck: RULE must be one of host-offline, vm-stopped, agent-gone, pool-full, host-memory, ip-conflict, task-failed, got "disk-full" (see virtdeck alert rule set --help)\n'],
    [['alert', 'rule', 'set', 'pool-full', '--on', '--off'], 'virtdeck: --on and --off exclude each other\n'],
    [['alert', 'rule', 'set', 'pool-full', '--threshold', '0'], 'virtdeck: --threshold wants a % from 1 to 100, got "0"\n'],
    [['alert', 'rule', 'add', 'host-memory', '--threshold', 'lots'], 'virtdeck: --threshold wants a % from 1 to 100, got "lots"\n'],
    [['alert', 'target', 'add', 'pager'], 'virtdeck: KIND must be one of webhook, smtp, got "pager" (see virtdeck alert target add --help)\n'],
    [['alert', 'target', 'add', 'webhook'], 'virtdeck: webhook wants its URL\n'],
    [['alert', 'target', 'add', 'webhook', 'http://x/', '--to', 'a@b.c'], 'virtdeck: --to is for smtp targets\n'],
    [['alert', 'target', 'add', 'smtp', '--smtp-host', 'mx'], 'virtdeck: smtp wants --smtp-host HOST, --from ADDRESS and --to ADDRESS\n'],
    [['alert', 'target', 'add', 'smtp', '--smtp-host', 'mx', '--from', 'a@b.c', '--to', 'd@e.f', '--password-stdin'], 'virtdeck: --password-stdin wants --user NAME\n'],
    [['alert', 'target', 'rm', 'one'], 'virtdeck: ID must be a target\'s number (see virtdeck alert target list), got "one"\n'],
  ])('%j', async (argv, stderr) => {
    expect(await run(...argv)).toEqual({ code: 2, stdout: '', stderr });
  });

  it('the group page names every command', async () => {
    const r = await run('alert', '--help');
    expect(r.code).toBe(0);
    for (const word of ['list', 'rule', 'target', 'alerts.sqlite']) expect(r.stdout).toContain(word);
  });
});
