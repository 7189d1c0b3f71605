// Wizards that help on the field, over the web API over the real core on test-bed host h1: an invalid value shows
// its error on its input before Next lets the user on (pool and launch wizards, in English and in zh-CN, with
// screenshots), and no raw schema text (input paths, zod's words) is ever rendered. A launch that fails (its image
// was deleted on the host behind the app's back) keeps the form: Retry launches again, Cancel stops the wait, and
// Back to edit shows every value as typed.
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { fieldError, pick, rawSchemaText } from './field-error.js';
import { addHostViaWizard, expect, shot, test } from './webapi-fixture.js';

async function toChinese(page: Page): Promise<void> {
  await page.getByTestId('language-menu').click();
  await page.getByTestId('language-zh-CN').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
}

const CHINESE = /[\u4e00-\u9fff]/;

test('pool and launch wizards: an invalid value shows its error on the field before Next, in en and zh-CN; no schema text', async ({ page, webapi, tb }) => {
  test.setTimeout(240_000);
  await page.goto(webapi.url);
  await addHostViaWizard(page, tb, 1, webapi.knownHosts);

  for (const lang of ['en', 'zh-CN'] as const) {
    if (lang === 'zh-CN') await toChinese(page);
    const words = lang === 'en' ? /[A-Za-z]/ : CHINESE;

    // Pool wizard: Next with no name stays on the first step and says why on the name's input.
    await page.getByTestId('tab-storage').click();
    await page.getByTestId('pool-add').click();
    await page.getByTestId('pool-next').click();
    await expect(fieldError(page, 'pool-name')).toContainText(words, { timeout: 20_000 });
    await expect(page.getByTestId('pool-step-type')).toBeVisible();
    await shot(page, `fields-${lang}-pool-name`);
    expect(await rawSchemaText(page)).toEqual([]);
    // A relative directory: its error shows on the directory as it is typed; Next stays.
    await page.getByTestId('pool-name').fill(`rdr-fields-${randomBytes(2).toString('hex')}`);
    await page.getByTestId('pool-next').click();
    await expect(page.getByTestId('pool-step-source')).toBeVisible({ timeout: 20_000 });
    await page.getByTestId('pool-target').fill('relative/dir');
    await expect(fieldError(page, 'pool-target')).toContainText('relative/dir', { timeout: 20_000 });
    await page.getByTestId('pool-next').click();
    await expect(page.getByTestId('pool-step-source')).toBeVisible();
    await expect(fieldError(page, 'pool-target')).toContainText(words);
    await shot(page, `fields-${lang}-pool-target`);
    expect(await rawSchemaText(page)).toEqual([]);
    await page.keyboard.press('Escape');

    // Launch wizard: Next with nothing filled in names the missing name and image on their inputs.
    await page.getByTestId('tab-instances').click();
    await page.getByTestId('launch-open').click();
    await page.getByTestId('launch-next').click();
    await expect(fieldError(page, 'launch-name')).toContainText(words, { timeout: 20_000 });
    await expect(fieldError(page, 'launch-image')).toContainText(words);
    await expect(page.getByTestId('launch-step-basics')).toBeVisible();
    // A name the guest cannot take as its hostname: the seed's check, shown on the name.
    await page.getByTestId('launch-name').fill('bad_name!');
    await expect(fieldError(page, 'launch-name')).toContainText('bad_name!', { timeout: 20_000 });
    await shot(page, `fields-${lang}-launch-basics`);
    expect(await rawSchemaText(page)).toEqual([]);
    await page.keyboard.press('Escape');
  }
});

test('a failed launch keeps the form: Retry launches again, Cancel stops the wait, Back to edit shows it all', async ({ page, webapi, tb }) => {
  test.setTimeout(420_000);
  const tag = randomBytes(3).toString('hex');
  const img = `rdr-fimg-${tag}`;
  const vm = `rdr-fvm-${tag}`;
  const volume = `${img}.qcow2`;
  const work = mkdtempSync(path.join(tmpdir(), 'rdr-e2e-fields-'));
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'rdr-e2e', '-f', path.join(work, 'id')]);
  const publicKey = readFileSync(path.join(work, 'id.pub'), 'utf8').trim();
  const quiet = (...args: string[]) => {
    try {
      tb.virsh(1, ...args);
    } catch {
      /* not there */
    }
  };
  // A blank disk stands for the image: the launch gets as far as booting it and then waits for cloud-init.
  const makeImageVolume = () => tb.virsh(1, 'vol-create-as', 'default', volume, '64M', '--format', 'qcow2');
  makeImageVolume();
  try {
    await page.goto(webapi.url);
    await addHostViaWizard(page, tb, 1, webapi.knownHosts);
    await page.getByTestId('tab-instances').click();
    await page.getByTestId('image-add').click();
    await page.getByTestId('image-src-volume').click();
    await page.getByTestId('image-pool').fill('default');
    await page.getByTestId('image-volume').fill(volume);
    await page.getByTestId('image-name').fill(img);
    await page.getByTestId('image-user').fill('debian');
    await page.getByTestId('image-add-ok').click();
    await expect(page.getByTestId(`image-row-${img}`)).toBeVisible({ timeout: 60_000 });

    await page.getByTestId('launch-open').click();
    await page.getByTestId('launch-name').fill(vm);
    await pick(page, 'launch-image', img);
    await page.getByTestId('launch-virt').getByText('QEMU (emulated)').click();
    await page.getByTestId('launch-next').click();
    await pick(page, 'launch-network', 'default');
    await page.getByTestId('launch-ip-mode').getByText('DHCP').click();
    await page.getByTestId('launch-next').click();
    // No user name: the image's default user ("debian") gets the key and the password.
    await page.getByTestId('launch-keys').fill(publicKey);
    await page.getByTestId('launch-password').fill('fields-Passw0rd');
    await page.getByTestId('launch-next').click();
    await expect(page.getByTestId('launch-validation')).toHaveAttribute('data-ok', 'true', { timeout: 30_000 });
    await expect(page.getByTestId('preview-user-data')).toContainText('name: debian', { timeout: 30_000 });

    // The image goes on the host after the review: the launch fails, nothing is made, the form stays.
    tb.virsh(1, 'vol-delete', '--pool', 'default', volume);
    await page.getByTestId('launch-go').click();
    await expect(page.getByTestId('launch-failed')).toContainText(img, { timeout: 60_000 });
    await expect(page.getByTestId('launch-retry')).toBeVisible();
    await shot(page, 'fields-launch-failed');
    expect(await rawSchemaText(page)).toEqual([]);
    expect(tb.virsh(1, 'list', '--all', '--name')).not.toContain(vm);

    // The image is back: Retry launches the same form again, which clones, boots and waits, with a live timer.
    makeImageVolume();
    await page.getByTestId('launch-retry').click();
    const progress = page.getByTestId('launch-step-progress');
    await expect(progress.getByTestId('task-step-boot')).toHaveAttribute('data-state', 'succeeded', { timeout: 180_000 });
    await expect(page.getByTestId('launch-elapsed')).toBeVisible();
    await expect(page.getByTestId('launch-console')).toBeEnabled({ timeout: 60_000 });
    await shot(page, 'fields-launch-waiting');
    // Cancel: the launch stops and rolls back; the form is still there behind Back to edit.
    await page.getByTestId('launch-cancel').click();
    await expect(page.getByTestId('launch-failed')).toBeVisible({ timeout: 120_000 });
    await expect.poll(() => tb.virsh(1, 'list', '--all', '--name'), { timeout: 120_000 }).not.toContain(vm);
    await page.getByTestId('launch-edit').click();
    await expect(page.getByTestId('launch-name')).toHaveValue(vm);
    await expect(page.getByTestId('launch-image')).toHaveValue(img);
    await page.getByTestId('launch-next').click();
    await page.getByTestId('launch-next').click();
    await expect(page.getByTestId('launch-keys')).toHaveValue(publicKey, { timeout: 30_000 });
    await expect(page.getByTestId('launch-password')).toHaveValue('fields-Passw0rd');
    await shot(page, 'fields-launch-back-to-edit');
  } finally {
    quiet('destroy', vm);
    quiet('undefine', vm, '--nvram');
    for (const v of [volume, `${vm}.qcow2`, `${vm}-seed.iso`]) quiet('vol-delete', '--pool', 'default', v);
  }
});
