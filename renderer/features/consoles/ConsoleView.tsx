// The content of a console tab.
import { useT } from '../../app/i18n/index.js';
import type { Tab } from '../../state/ui-slice.js';
import { useVms } from '../../state/vms-slice.js';
import { TerminalConsole } from './TerminalConsole.js';
import { VncConsole } from './VncConsole.js';

export function ConsoleView({ tab }: { tab: Tab }) {
  const t = useT();
  const name = useVms((s) => s.byKey[tab.vmKey]?.name ?? tab.vmKey);
  if (tab.kind === 'vnc') return <VncConsole vmKey={tab.vmKey} title={`${name} — ${t('console.vnc')}`} />;
  if (tab.kind === 'serial') return <TerminalConsole kind="serial" vmKey={tab.vmKey} title={`${name} — ${t('console.serial')}`} />;
  return <TerminalConsole kind="ssh" vmKey={tab.vmKey} user={tab.user} {...(tab.ip ? { ip: tab.ip } : {})} title={`${tab.user ?? 'root'}@${name} — ${t('console.ssh')}`} />;
}
