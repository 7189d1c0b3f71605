// Consoles of a VM of the store: byte channels, screenshots (consoles are opened by the state layer, like every call).
import { backend, type ConsoleChannel, type ConsoleKind, type ConsoleOptions } from './backend.js';
import { useVms } from './vms-slice.js';

function vmOf(vmKey: string) {
  const vm = useVms.getState().byKey[vmKey];
  if (!vm) throw new Error(`unknown VM ${vmKey}`);
  return vm;
}

export function openConsoleChannel(kind: ConsoleKind, vmKey: string, opts?: ConsoleOptions): ConsoleChannel {
  const vm = vmOf(vmKey);
  return backend().openConsole(kind, { host: vm.host, vm: vm.uuid }, opts);
}

/** The VM's screen as a PNG file the user picks (the core asks libvirt for it); null when the user cancels. */
export async function saveScreenshot(vmKey: string): Promise<{ width: number; height: number } | null> {
  const vm = vmOf(vmKey);
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  const target = await backend().files.saveTarget(`${vm.name}-${stamp}.png`);
  if (!target) return null;
  const { width, height } = await backend().api['vms.screenshot']({ ref: { host: vm.host, vm: vm.uuid }, file: target.path });
  await target.deliver();
  return { width, height };
}

/** Support mode: the granted VM's console through the support session. */
export function openSupportChannel(kind: 'vnc' | 'serial', session: string): ConsoleChannel {
  return backend().openConsole(kind, { session });
}
