// A VM or console tab's label: the VM, what the tab shows, and its host ("web01 · VNC · h1"), so tabs of two VMs
// of one name, or two consoles of one VM, never read the same.
import type { Tab } from '../state/ui-slice.js';
import type { MessageKey } from './i18n/index.js';

const KIND_WORDS: Readonly<Record<Tab['kind'], MessageKey | null>> = { vm: null, vnc: 'tab.kind.vnc', serial: 'tab.kind.serial', ssh: 'tab.kind.ssh' };

export function tabLabel(tab: Tab, vm: { name: string; host: string } | undefined, t: (key: MessageKey) => string): string {
  const name = vm?.name ?? '?';
  const who = tab.kind === 'ssh' ? `${tab.user ?? 'root'}@${name}` : name;
  const kind = KIND_WORDS[tab.kind];
  return [who, ...(kind ? [t(kind)] : []), vm?.host ?? tab.vmKey.split('/')[0] ?? ''].join(' · ');
}
