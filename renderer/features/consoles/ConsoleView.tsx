// The content of a console tab, or of a console's own window (then it cannot be detached again).
import { useT } from '../../app/i18n/index.js';
import type { ConsoleTab } from '../../app/console-route.js';
import { useVms } from '../../state/vms-slice.js';
import { DetachableTab } from './DetachButton.js';
import { TerminalConsole } from './TerminalConsole.js';
import { VncConsole } from './VncConsole.js';

function Console({ tab }: { tab: ConsoleTab }) {
  const t = useT();
  const name = useVms((s) => s.byKey[tab.vmKey]?.name ?? tab.vmKey);
  if (tab.kind === 'vnc') return <VncConsole vmKey={tab.vmKey} title={`${name} — ${t('console.vnc')}`} />;
  if (tab.kind === 'serial') return <TerminalConsole kind="serial" vmKey={tab.vmKey} title={`${name} — ${t('console.serial')}`} />;
  return <TerminalConsole kind="ssh" vmKey={tab.vmKey} user={tab.user} {...(tab.ip ? { ip: tab.ip } : {})} title={`${tab.user ?? 'root'}@${name} — ${t('console.ssh')}`} />;
}

export function ConsoleView({ tab, detachable = true }: { tab: ConsoleTab; detachable?: boolean }) {
  return (
    <DetachableTab.Provider value={detachable ? tab : null}>
      <Console tab={tab} />
    </DetachableTab.Provider>
  );
}
