// Playwright fixture: a fresh core (own VIRTDECK home) behind the loopback web API serving the built renderer, and
// helpers to add test-bed hosts through the UI's add-host wizard. Needs `npm run build` + `vite build` first.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test as base, type Locator, type Page } from '@playwright/test';
import { testbed, type TestBed } from '../integration/testbed.js';
import { shot } from './shots.js';

const REPO = path.resolve(import.meta.dirname, '..', '..');

export interface WebApi {
  url: string;
  home: string;
  /** A copy of the test bed's known_hosts (the wizard stages a copy of it in turn). */
  knownHosts: string;
}

async function startWebApi(home: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(REPO, 'dist/electron/webapi/cli.js'), '--home', home, '--port', '0', '--static', path.join(REPO, 'dist/renderer')], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web API did not start:\n${out}`)), 30_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /VirtDeck web API: (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] as string);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`web API exited (${code}):\n${out}`)));
  });
  return { child, url };
}

export const test = base.extend<{ webapi: WebApi; tb: TestBed }>({
  tb: async ({}, use) => {
    const tb = testbed();
    test.skip(!tb.available || !existsSync(tb.keyFile), `no test bed: ${tb.reason ?? tb.keyFile}`);
    await use(tb);
  },
  webapi: async ({ tb }, use) => {
    test.skip(!existsSync(path.join(REPO, 'dist/renderer/index.html')), 'renderer not built (vite build)');
    const home = mkdtempSync(path.join(tmpdir(), 'vd-e2e-'));
    const knownHosts = path.join(home, 'known_hosts');
    copyFileSync(tb.knownHosts, knownHosts);
    const { child, url } = await startWebApi(home);
    try {
      await use({ url, home, knownHosts });
    } finally {
      child.kill('SIGTERM');
    }
  },
});

export { expect, shot };


/** Picks a known_hosts file in the open add-host wizard: the browser uploads it to the web API's staging area. */
export async function pickKnownHosts(page: Page, file: string): Promise<void> {
  await page.getByTestId('add-host-wizard').locator('input[type=file]').setInputFiles(file);
  await expect(page.getByTestId('wizard-known-hosts')).toContainText(path.basename(file));
}

/**
 * Adds test-bed host i through the wizard; `knownHosts` decides whether the key is known or must be accepted.
 * Returns the fingerprint's status as the wizard showed it ("known", or "unknown" when it had to be accepted).
 */
export async function addHostViaWizard(page: Page, tb: TestBed, i: number, knownHosts: string, shotName?: string): Promise<string | null> {
  const h = tb.hosts[i - 1];
  if (!h) throw new Error(`no test-bed host ${i}`);
  await page.getByTestId('add-host').click();
  await page.getByTestId('wizard-address').fill(`root@${h.sshHost}:${h.sshPort}`);
  await page.getByTestId('wizard-name').fill(h.name);
  await page.getByTestId('wizard-identity').fill(tb.keyFile);
  await page.getByTestId('wizard-advanced').click();
  await pickKnownHosts(page, knownHosts);
  await page.getByTestId('wizard-next').click();
  const fp = page.getByTestId('wizard-fingerprint');
  await expect(fp).toHaveText(/^SHA256:/, { timeout: 20_000 });
  const status = await fp.getAttribute('data-status');
  if (shotName) await shot(page, shotName);
  if (status === 'unknown') await page.getByTestId('wizard-accept').click();
  await page.getByTestId('wizard-add').click();
  await expect(page.getByTestId('wizard-added')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('wizard-done').click();
  await expect(page.getByTestId(`host-item-${h.name}`)).toHaveAttribute('data-status', 'online', { timeout: 30_000 });
  return status;
}

/** The row of a VM in the table (filtering first, so virtualization cannot hide it). */
export async function vmRow(page: Page, host: string, name: string) {
  await page.getByTestId('tab-list').click();
  await page.getByTestId('vm-filter').fill(`name:${name}`);
  return page.getByTestId(`vm-row-${host}-${name}`);
}

/** Opens the app, adds test-bed host 1 and returns the VM's row there once it shows `state`. */
export async function openVmRow(page: Page, webapi: WebApi, tb: TestBed, vm: string, state: string): Promise<Locator> {
  await page.goto(webapi.url);
  await addHostViaWizard(page, tb, 1, webapi.knownHosts);
  const row = await vmRow(page, 'h1', vm);
  await expect(row).toHaveAttribute('data-state', state, { timeout: 30_000 });
  return row;
}

/** Opens the app, adds test-bed host 1 and opens the VM's details on `tab` once its row shows `state`. */
export async function openVmTab(page: Page, webapi: WebApi, tb: TestBed, vm: string, tab: string, state = 'running'): Promise<void> {
  const row = await openVmRow(page, webapi, tb, vm, state);
  await row.getByTestId('vm-open').click();
  await page.getByTestId(`tab-${tab}`).click();
}

/** Devices of a tiny OS-less domain: SeaBIOS runs forever, printing to the serial port and the VGA screen. */
export interface TinyDevices {
  serial?: boolean;
  vnc?: boolean;
  /** A qcow2 image on the host as its one disk (snapshots need one). */
  disk?: string;
  /** A VNC password (a display started with one can be given another live, as console grants do). */
  vncPassword?: string;
}

/** Defines a tiny domain (32 MiB, no disk unless given) on test-bed host `host`. */
export function defineTiny(tb: TestBed, host: number, name: string, devices: TinyDevices = { serial: true, vnc: true }): void {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'vd-e2e-dom-')), 'dom.xml');
  const bios = devices.serial ? "<bios useserial='yes'/>" : '';
  const serial = devices.serial ? "<serial type='pty'/><console type='pty'/>" : '';
  const passwd = devices.vncPassword ? ` passwd='${devices.vncPassword}'` : '';
  const vnc = devices.vnc ? `<graphics type='vnc' autoport='yes' listen='127.0.0.1'${passwd}/><video><model type='vga'/></video>` : '';
  const disk = devices.disk
    ? `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${devices.disk}'/><target dev='vda' bus='virtio'/></disk>`
    : '';
  writeFileSync(
    file,
    `<domain type='qemu'><name>${name}</name><memory unit='MiB'>32</memory><vcpu>1</vcpu>
<os><type arch='x86_64' machine='pc'>hvm</type>${bios}</os><devices>${disk}${serial}${vnc}</devices></domain>`,
  );
  tb.virsh(host, 'define', file);
}

/** Removes a domain, whatever state it is in. */
export function purge(tb: TestBed, host: number, name: string): void {
  for (const args of [['destroy', name], ['undefine', name]]) {
    try {
      tb.virsh(host, ...args);
    } catch {
      /* already gone */
    }
  }
}
