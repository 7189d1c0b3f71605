// Hosts through the UI: the add-host wizard with host-key verification, status in the sidebar, test, remove.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { addHostViaWizard, expect, pickKnownHosts, shot, test } from './webapi-fixture.js';

test('add a host whose key is known, test it, remove it', async ({ page, webapi, tb }) => {
  await page.goto(webapi.url);
  await expect(page.getByText('VirtDeck').first()).toBeVisible();
  await addHostViaWizard(page, tb, 1, webapi.knownHosts);
  const item = page.getByTestId('host-item-h1');
  await expect(item).toContainText('libvirt');
  await shot(page, 'host-added');

  await item.getByTestId('host-menu').click();
  await page.getByTestId('host-test').click();
  await expect(page.getByText(/h1: connected to/)).toBeVisible({ timeout: 20_000 });

  await item.getByTestId('host-menu').click();
  await page.getByTestId('host-remove').click();
  await page.getByTestId('confirm-ok').click();
  await expect(item).toHaveCount(0);
});

test('an unknown host key must be accepted by fingerprint; a changed key is refused', async ({ page, webapi, tb }) => {
  const empty = path.join(webapi.home, 'empty_known_hosts');
  writeFileSync(empty, '');
  await page.goto(webapi.url);
  await addHostViaWizard(page, tb, 2, empty);

  // A known_hosts that lists another key for host 3's address: the wizard shows the refusal, no way forward.
  const h3 = tb.hosts[2];
  if (!h3) throw new Error('test bed has no host 3');
  const wrong = path.join(webapi.home, 'wrong_known_hosts');
  writeFileSync(wrong, `[${h3.sshHost}]:${h3.sshPort} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJqf2mOSmQ1w3Bq1pZcQ4y9bZ1x2lQm3dV7kq8E0xYzA\n`);
  await page.getByTestId('add-host').click();
  await page.getByTestId('wizard-address').fill(`root@${h3.sshHost}:${h3.sshPort}`);
  await page.getByTestId('wizard-identity').fill(tb.keyFile);
  await page.getByTestId('wizard-advanced').click();
  await pickKnownHosts(page, wrong);
  await page.getByTestId('wizard-next').click();
  await expect(page.getByTestId('wizard-key-refused')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('wizard-fingerprint')).toHaveAttribute('data-status', 'changed');
  await expect(page.getByTestId('wizard-add')).toBeDisabled();
  await shot(page, 'host-key-refused');
});
