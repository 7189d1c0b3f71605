// The alerts panel over the web API over the real core on test-bed host h1: the rule editor (a rule turned on, a
// threshold changed, both still so after a reload), a webhook target added in the UI, then a VM destroyed with virsh
// behind VirtDeck's back: the alert reaches the webhook once, shows in the history and as a desktop notification
// (Chromium's Notification, captured), in en and zh-CN with screenshots.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { addHostViaWizard, defineTiny, expect, purge, shot, test } from './webapi-fixture.js';

interface Captured {
  title: string;
  body: string;
}

/** Records every desktop notification the page shows (the real one is still shown). */
async function captureNotifications(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __notes: Captured[]; Notification: typeof Notification };
    const Real = w.Notification;
    w.__notes = [];
    class Recorded extends Real {
      constructor(title: string, options?: NotificationOptions) {
        w.__notes.push({ title, body: options?.body ?? '' });
        super(title, options);
      }
    }
    w.Notification = Recorded;
  });
}

const notes = (page: Page) => page.evaluate(() => (window as unknown as { __notes: Captured[] }).__notes);

test('alert rule editor, a webhook target and a captured desktop notification, in en and zh-CN', async ({ page, webapi, tb, context }) => {
  test.setTimeout(240_000);
  const posts: Array<{ alert: { key: string; state: string; params: Record<string, string> } | null }> = [];
  const hook = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      posts.push(JSON.parse(body) as (typeof posts)[number]);
      res.end();
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  const vm = `alert-e2e-${randomBytes(3).toString('hex')}`;
  try {
    defineTiny(tb, 1, vm, {});
    tb.virsh(1, 'start', vm);
    await context.grantPermissions(['notifications'], { origin: webapi.url.replace(/\/[^/]*$/, '') });
    await captureNotifications(page);
    await page.setViewportSize({ width: 1440, height: 1200 });
    await page.goto(webapi.url);
    await addHostViaWizard(page, tb, 1, webapi.knownHosts);
    await page.getByTestId('tab-monitor').click();
    const panel = page.getByTestId('alerts-panel');
    await expect(panel).toBeVisible({ timeout: 20_000 });

    // Rule editor: the defaults, one rule turned on, a threshold changed.
    await expect(page.getByTestId('alert-rule-switch-vm-stopped')).toBeChecked();
    await expect(page.getByTestId('alert-rule-switch-agent-gone')).not.toBeChecked();
    await page.getByTestId('alert-rule-agent-gone').locator('label').click();
    await expect(page.getByTestId('alert-rule-switch-agent-gone')).toBeChecked();
    const threshold = page.getByTestId('alert-threshold-pool-full');
    await threshold.fill('85');
    await threshold.blur();

    // A webhook target.
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    await page.getByTestId('alert-target-url').fill(url);
    await page.getByTestId('alert-target-add').click();
    await expect(panel).toContainText(url);

    // Kept by the core: a reload shows the same settings.
    await page.reload();
    await page.getByTestId('tab-monitor').click();
    await expect(page.getByTestId('alert-rule-switch-agent-gone')).toBeChecked({ timeout: 20_000 });
    await expect(page.getByTestId('alert-threshold-pool-full')).toHaveValue('85 %');
    await expect(panel).toContainText(url);

    // A VM destroyed behind VirtDeck's back: webhook, history row, desktop notification.
    tb.virsh(1, 'destroy', vm);
    await expect(panel.getByTestId('alert-history')).toContainText(`VM ${vm} on h1 stopped without a VirtDeck action`, { timeout: 30_000 });
    await expect.poll(() => notes(page), { timeout: 30_000 }).toContainEqual({
      title: 'Alert: VM stopped without a VirtDeck action',
      body: `VM ${vm} on h1 stopped without a VirtDeck action (stopped/destroyed)`,
    });
    await expect.poll(() => posts.filter((p) => p.alert?.params.vm === vm && p.alert.state === 'firing').length, { timeout: 30_000 }).toBe(1);
    await panel.scrollIntoViewIfNeeded();
    await shot(page, 'monitor-alerts-en');

    await page.getByTestId('language-menu').click();
    await page.getByTestId('language-zh-CN').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(panel).toContainText('告警历史');
    await expect(panel.getByTestId('alert-history')).toContainText(`h1 上的虚拟机 ${vm} 非经 VirtDeck 停止`);
    await expect(page.getByTestId('alert-rule-vm-stopped')).toContainText('虚拟机非经 VirtDeck 停止');
    tb.virsh(1, 'start', vm);
    await expect.poll(() => notes(page), { timeout: 30_000 }).toContainEqual({
      title: '已恢复：虚拟机非经 VirtDeck 停止',
      body: `h1 上的虚拟机 ${vm} 非经 VirtDeck 停止（stopped/destroyed）`,
    });
    await panel.scrollIntoViewIfNeeded();
    await shot(page, 'monitor-alerts-zh-CN');
  } finally {
    hook.close();
    purge(tb, 1, vm);
  }
});
