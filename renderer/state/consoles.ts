// Opening console byte channels for a VM of the store (consoles are opened by the state layer, like every call).
import { backend, type ConsoleChannel, type ConsoleKind, type ConsoleOptions } from './backend.js';
import { useVms } from './vms-slice.js';

export function openConsoleChannel(kind: ConsoleKind, vmKey: string, opts?: ConsoleOptions): ConsoleChannel {
  const vm = useVms.getState().byKey[vmKey];
  if (!vm) throw new Error(`unknown VM ${vmKey}`);
  return backend().openConsole(kind, { host: vm.host, vm: vm.uuid }, opts);
}
