// vms.screenshot: a screenshot of a running VM's screen into a local PNG file (a path the user picked), through libvirt rather than
// the front end's VNC canvas: it works without an open console, from the CLI too, at the guest's own resolution.
import { writeFile } from 'node:fs/promises';
import type { VmRef } from '../../../shared/model/vm.js';
import { CoreError } from '../errors.js';
import type { VmService } from '../vms/vm-service.js';
import { screenToPng } from './screen-image.js';

/** A screen dump is width × height × 3 bytes of PPM: more than a 8K screen's means something is wrong. */
const MAX_BYTES = 128 * 1024 * 1024;

export async function saveScreenshot(vms: VmService, ref: VmRef, file: string): Promise<{ width: number; height: number; bytes: number }> {
  const { lv, dom } = await vms.live(ref);
  if (!(await lv.domainIsActive(dom))) throw new CoreError('vm.not-running', { host: ref.host, vm: dom.name });
  const stream = await lv.domainScreenshot(dom, 0);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const c of stream as AsyncIterable<Buffer>) {
      size += c.length;
      if (size > MAX_BYTES) throw new CoreError('vm.screenshot-unreadable', { host: ref.host, vm: dom.name });
      chunks.push(c);
    }
  } finally {
    if (!stream.readableEnded) stream.abort();
  }
  const image = screenToPng(Buffer.concat(chunks));
  if (!image) throw new CoreError('vm.screenshot-unreadable', { host: ref.host, vm: dom.name });
  await writeFile(file, image.png, { mode: 0o600 });
  return { width: image.width, height: image.height, bytes: image.png.length };
}
