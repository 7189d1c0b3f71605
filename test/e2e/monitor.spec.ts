// The monitoring screens over the web API over the real core on test-bed host h1: the host card, the top consumers
// (a spinning domain first), the 30-day graph of the host and of a VM (30 days of history recorded through the
// metrics store beforehand, as a collector ticking every 5 minutes would), in en and zh-CN with screenshots.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { MetricsStore } from '../../electron/inventory/metrics-store.js';
import { metricsPath } from '../../electron/inventory/paths.js';
import { bootDisk, bootDiskXml, SLEEP, SPIN } from '../fixtures/boot-sector.js';
import { addHostViaWizard, expect, purge, shot, test } from './webapi-fixture.js';

const DAY = 86_400;

/** 30 days of samples every 5 minutes for the host and one VM, ending now: a daily wave, so the graph has a shape. */
function seedHistory(home: string, host: string, vm: { uuid: string; name: string }): void {
  const store = MetricsStore.open(metricsPath(home));
  const now = Math.floor(Date.now() / 1000);
  for (let t = now - 30 * DAY; t <= now; t += 300) {
    const wave = (Math.sin((t / DAY) * 2 * Math.PI) + 1) / 2;
    store.record(t, [
      { host, vm: null, name: host, cpuPct: 20 + 60 * wave, memKiB: 4_000_000 + 2_000_000 * wave, diskBps: 1e6 * wave, netBps: 5e5 * wave },
      { host, vm: vm.uuid, name: vm.name, cpuPct: 90 * wave, memKiB: 30_000, diskBps: 1e4 * wave, netBps: null },
    ]);
  }
  store.close();
}

function defineBootDomain(tb: Parameters<typeof purge>[0], name: string, code: readonly number[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'vd-e2e-mon-'));
  const file = path.join(dir, 'dom.xml');
  writeFileSync(
    file,
    `<domain type='qemu'><name>${name}</name><memory unit='MiB'>32</memory><vcpu>1</vcpu>
<os><type arch='x86_64' machine='pc'>hvm</type></os><devices>${bootDiskXml(bootDisk(dir, 'boot.img', code))}</devices></domain>`,
  );
  tb.virsh(1, 'define', file);
  tb.virsh(1, 'start', name);
  return tb.virsh(1, 'domuuid', name);
}

async function thirtyDays(page: Page, testId: string): Promise<void> {
  await page.getByTestId(`${testId}-range`).getByText(/30/).click();
  await expect(page.getByTestId(testId)).toHaveAttribute('data-step', '300', { timeout: 20_000 });
  // One point per 5 minutes over 30 days (the newest step is still open).
  await expect(async () => {
    expect(Number(await page.getByTestId(`${testId}-cpu`).getAttribute('data-points'))).toBeGreaterThan(8600);
  }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId(`${testId}-cpu`).locator('canvas')).toBeVisible();
}

test('host dashboard, top consumers and the 30-day graphs, in en and zh-CN', async ({ page, webapi, tb }) => {
  test.setTimeout(240_000);
  const tag = randomBytes(3).toString('hex');
  const busy = `mon-busy-${tag}`;
  const idle = `mon-idle-${tag}`;
  try {
    const uuid = defineBootDomain(tb, busy, SPIN);
    defineBootDomain(tb, idle, SLEEP);
    seedHistory(webapi.home, tb.hosts[0]!.name, { uuid, name: busy });
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.goto(webapi.url);
    const h1 = tb.hosts[0]!.name;
    await addHostViaWizard(page, tb, 1, webapi.knownHosts);

    await page.getByTestId('tab-monitor').click();
    const card = page.getByTestId(`host-card-${h1}`);
    await expect(card).toBeVisible({ timeout: 20_000 });
    await expect(card).toHaveAttribute('data-cpu', /^\d+$/);
    const running = () => tb.virsh(1, 'list', '--name', '--state-running').split('\n').filter(Boolean).length;
    await expect(page.getByTestId(`host-vms-${h1}`)).toContainText(`${running()} Running`, { timeout: 20_000 });
    await expect(card).toContainText('libvirt 9.');
    await expect(card).toContainText(/Pool default/);

    // The spinning domain leads the CPU ranking once two stats ticks gave it a rate.
    const firstRow = page.getByTestId('top-consumers').locator('tbody tr').first();
    await expect(firstRow).toHaveAttribute('data-testid', `top-row-${busy}`, { timeout: 30_000 });
    await expect(page.getByTestId(`top-row-${idle}`)).toBeVisible();
    await thirtyDays(page, 'host-history');
    await shot(page, 'monitor-dashboard-en');

    // Click through to the VM; its History tab has the same ranges.
    await firstRow.getByRole('button', { name: busy }).click();
    await expect(page.getByTestId(`vm-details-${h1}-${busy}`)).toBeVisible();
    await page.getByTestId('tab-history').click();
    await thirtyDays(page, 'vm-history');
    await shot(page, 'monitor-vm-history-30d-en');

    await page.getByTestId('language-menu').click();
    await page.getByTestId('language-zh-CN').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByTestId('vm-history')).toContainText('每 300 秒一个点');
    await shot(page, 'monitor-vm-history-30d-zh-CN');
    await page.getByTestId('tab-monitor').click();
    await expect(page.getByTestId('top-consumers')).toContainText('资源占用排行');
    await expect(page.getByTestId(`host-vms-${h1}`)).toContainText(`运行中 ${running()} 台`, { timeout: 20_000 });
    await thirtyDays(page, 'host-history');
    await shot(page, 'monitor-dashboard-zh-CN');
  } finally {
    purge(tb, 1, busy);
    purge(tb, 1, idle);
  }
});
