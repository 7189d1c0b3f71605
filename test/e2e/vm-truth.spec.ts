// The VM list tells the truth (issue 10): a removed host's VMs go with it; a start and a destroy from virsh 0.2 s
// apart always end with the row shut off; "Refresh host" re-reads a host; a shutdown the guest ignores (a BIOS-only
// domain: no OS, no ACPI) shows "Shutting down…" while it waits, then its task says so and offers Force off.
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { addHostViaWizard, defineTiny, expect, openVmRow, purge, shot, test, vmRow } from './webapi-fixture.js';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function language(page: Page, lang: 'en' | 'zh-CN'): Promise<void> {
  await page.getByTestId('language-menu').click();
  await page.getByTestId(`language-${lang}`).click();
}

test('a removed host takes its VMs off the table at once', async ({ page, webapi, tb }) => {
  const tag = `rm-${randomBytes(3).toString('hex')}`;
  defineTiny(tb, 2, `${tag}-a`, {});
  defineTiny(tb, 2, `${tag}-b`, {});
  try {
    await page.goto(webapi.url);
    await addHostViaWizard(page, tb, 2, webapi.knownHosts);
    await page.getByTestId('vm-filter').fill(tag);
    const rows = page.locator(`[data-testid^="vm-row-h2-${tag}"]`);
    await expect(rows).toHaveCount(2, { timeout: 20_000 });

    const item = page.getByTestId('host-item-h2');
    await item.getByTestId('host-menu').click();
    await page.getByTestId('host-remove').click();
    const confirmed = Date.now();
    await page.getByTestId('confirm-ok').click();
    // No reload, no reconnect: the core's host-removed event takes the rows.
    await expect(rows).toHaveCount(0);
    test.info().annotations.push({ type: 'rows gone after', description: `${Date.now() - confirmed} ms` });
    await expect(item).toHaveCount(0);
    await expect(page.getByTestId('host-item-all')).toContainText('0');
    await shot(page, 'truth-host-removed');
  } finally {
    purge(tb, 2, `${tag}-a`);
    purge(tb, 2, `${tag}-b`);
  }
});

test('virsh start then destroy 0.2 s apart, 20 times: the row ends shut off every time; Refresh host', async ({ page, webapi, tb }) => {
  test.setTimeout(300_000);
  const name = `flip-${randomBytes(3).toString('hex')}`;
  defineTiny(tb, 1, name, {});
  try {
    const row = await openVmRow(page, webapi, tb, name, 'shutoff');

    for (let i = 0; i < 20; i++) {
      tb.virsh(1, 'start', name);
      await pause(200);
      tb.virsh(1, 'destroy', name);
      await expect(row, `round ${i + 1}`).toHaveAttribute('data-state', 'shutoff', { timeout: 30_000 });
      // A read of the older "started" event answering late would turn the row back to running: give it the time.
      await pause(1000);
      expect(await row.getAttribute('data-state'), `round ${i + 1}, a second later`).toBe('shutoff');
    }
    expect(tb.virsh(1, 'domstate', name)).toBe('shut off');

    // "Refresh host": the host's VMs re-read through the core (a failure would show a toast instead).
    const item = page.getByTestId('host-item-h1');
    await item.getByTestId('host-menu').click();
    await expect(page.getByTestId('host-refresh')).toBeEnabled();
    await shot(page, 'truth-host-menu-refresh');
    await page.getByTestId('host-refresh').click();
    await expect(row).toHaveAttribute('data-state', 'shutoff');
    await expect(page.getByText('Refresh host')).toHaveCount(0);
    await language(page, 'zh-CN');
    await item.getByTestId('host-menu').click();
    await expect(page.getByTestId('host-refresh')).toHaveText('刷新主机');
    await shot(page, 'truth-host-menu-refresh-zh-CN');
    await page.keyboard.press('Escape');
  } finally {
    purge(tb, 1, name);
  }
});

test('a shutdown the guest ignores: "Shutting down…", then the task says so and offers Force off', async ({ page, webapi, tb }) => {
  test.setTimeout(300_000);
  const name = `deaf-${randomBytes(3).toString('hex')}`;
  defineTiny(tb, 3, name, {});
  try {
    tb.virsh(3, 'start', name);
    await page.goto(webapi.url);
    await addHostViaWizard(page, tb, 3, webapi.knownHosts);
    const row = await vmRow(page, 'h3', name);
    await expect(row).toHaveAttribute('data-state', 'running', { timeout: 20_000 });

    await row.getByTestId('vm-menu').click();
    await page.getByRole('menuitem').and(page.getByTestId('vm-action-shutdown')).click();
    const badge = row.getByTestId('vm-state');
    await expect(badge).toHaveAttribute('data-pending', 'shuttingDown');
    await expect(badge).toHaveText('Shutting down…');
    await shot(page, 'truth-shutting-down');
    await language(page, 'zh-CN');
    await expect(badge).toHaveText('正在关机…');
    await shot(page, 'truth-shutting-down-zh-CN');

    // The task waits for the state (60 s by default), then fails with the reason; the VM is still running.
    await page.getByTestId('tasks-toggle').click();
    const panel = page.getByTestId('task-panel');
    const first = panel.locator('[data-testid^="task-"][data-state]').filter({ hasText: name }).first();
    await expect(first).toBeVisible();
    const card = panel.getByTestId((await first.getAttribute('data-testid')) ?? 'no-task');
    await expect(card).toContainText(`关闭 h3 上的 ${name}`);
    await expect(card).toHaveAttribute('data-state', 'failed', { timeout: 120_000 });
    await expect(card.getByTestId('task-error')).toContainText('客户机忽略了该请求');
    await expect(badge).not.toHaveAttribute('data-pending');
    await expect(row).toHaveAttribute('data-state', 'running');
    await shot(page, 'truth-shutdown-ignored-zh-CN');
    await language(page, 'en');
    await expect(card).toContainText(`Shut down ${name} on h3`);
    await expect(card.getByTestId('task-error')).toContainText('the guest ignored it');
    await shot(page, 'truth-shutdown-ignored');

    // Force off from the task (asks first, as the VM menu does).
    await card.getByTestId('task-force-off').click();
    await page.getByTestId('confirm-ok').click();
    await expect(row).toHaveAttribute('data-state', 'shutoff', { timeout: 30_000 });
    await expect(card.getByTestId('task-force-off')).toHaveCount(0);
    expect(tb.virsh(3, 'domstate', name)).toBe('shut off');
  } finally {
    purge(tb, 3, name);
  }
});
