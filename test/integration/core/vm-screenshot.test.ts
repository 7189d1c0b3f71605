// A screenshot of a real running VM through libvirt's domainScreenshot stream over SSH: a PNG file of the guest's VGA
// screen at its own resolution (an OS-less guest shows SeaBIOS's text, so not one colour), written through the
// contract call the front ends use and by the CLI; a VM that is not running answers vm.not-running and writes nothing.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core.js';
import { coreError } from '../../fixtures/core-error.js';
import { decodePng, distinctColours } from '../../fixtures/png-decode.js';
import { testbed } from '../testbed.js';
import { coreWithHosts, defineTinyDomain, hostAddArgs, knownHostsCopy, purgeDomain, runCli, tempHome, uniq } from './helpers.js';

const tb = testbed();
const VGA = "<graphics type='vnc' autoport='yes' listen='127.0.0.1'/><video><model type='vga'/></video>";

describe.skipIf(!tb.available)('VM screenshots on a real host', () => {
  const home = tempHome('vd-shot-');
  let core: Core;
  const running = uniq('shot-on');
  const off = uniq('shot-off');

  beforeAll(async () => {
    defineTinyDomain(tb, 1, running, VGA);
    defineTinyDomain(tb, 1, off, VGA);
    tb.virsh(1, 'start', running);
    core = await coreWithHosts(tb, home, [1]);
  });

  afterAll(async () => {
    await core?.close();
    purgeDomain(tb, 1, running);
    purgeDomain(tb, 1, off);
  });

  it('writes a PNG of the guest screen with its size, not one colour', async () => {
    const file = join(home, 'screen.png');
    // SeaBIOS draws its banner within a few seconds of the start (TCG); until then the screen may be blank.
    let result: { width: number; height: number; bytes: number } | undefined;
    let colours = 0;
    const until = Date.now() + 30_000;
    while (Date.now() < until) {
      result = await core.call('vms.screenshot', { ref: { host: 'h1', vm: running }, file });
      colours = distinctColours(decodePng(readFileSync(file)));
      if (colours > 1) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const png = readFileSync(file);
    const img = decodePng(png);
    expect(result).toEqual({ width: img.width, height: img.height, bytes: png.length });
    // VGA text mode (720×400) or SeaBIOS's graphics mode: a real screen size either way.
    expect(img.width).toBeGreaterThanOrEqual(640);
    expect(img.height).toBeGreaterThanOrEqual(350);
    expect(colours).toBeGreaterThan(1);
    let lit = 0;
    for (let i = 0; i < img.rgb.length; i += 3) if (img.rgb.readUIntBE(i, 3) !== img.rgb.readUIntBE(0, 3)) lit++;
    expect(lit).toBeGreaterThan(200);
  });

  it('the CLI saves one too: virtdeck vm screenshot HOST/VM FILE', async () => {
    const cliHome = tempHome('vd-shot-cli-');
    const add = await runCli(cliHome, hostAddArgs(tb, 1, knownHostsCopy(tb, cliHome)));
    expect(add.code, add.stderr).toBe(0);
    const file = join(cliHome, 'cli.png');
    const r = await runCli(cliHome, ['vm', 'screenshot', `h1/${running}`, file]);
    expect(r.code, r.stderr).toBe(0);
    const img = decodePng(readFileSync(file));
    expect(r.stderr).toContain(`(${img.width}×${img.height}) to ${file}`);
    const off = await runCli(cliHome, ['vm', 'screenshot', `h1/${running}-missing`, join(cliHome, 'none.png')]);
    expect(off.code).not.toBe(0);
  });

  it('a VM that is not running: vm.not-running, no file', async () => {
    const file = join(home, 'off.png');
    await expect(core.call('vms.screenshot', { ref: { host: 'h1', vm: off }, file })).rejects.toEqual(coreError('vm.not-running', { host: 'h1', vm: off }));
    expect(existsSync(file)).toBe(false);
  });
});
