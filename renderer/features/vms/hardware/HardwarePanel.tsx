// The Hardware tab: the VM's config (what it boots with) next to its live definition, and the changes to both.
import { Alert, Loader, Stack } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { VmInfo } from '../../../../shared/model/vm.js';
import { errorMessage } from '../../../app/notify.js';
import { hardwareKey, useHardware } from '../../../state/hardware-slice.js';
import { refOf } from '../../../state/vms-slice.js';
import { BootCard } from './BootCard.js';
import { ChangeNotice } from './ChangeNotice.js';
import { DevicesCard } from './DevicesCard.js';
import { DisksCard } from './DisksCard.js';
import { LiveDiffCard } from './LiveDiffCard.js';
import { NicsCard } from './NicsCard.js';
import { ResourcesCard } from './ResourcesCard.js';

export function HardwarePanel({ vm }: { vm: VmInfo }) {
  const ref = refOf(vm);
  const key = hardwareKey(ref);
  const view = useHardware((s) => s.views[key]);
  const last = useHardware((s) => s.lastChange[key]);
  const load = useHardware((s) => s.load);
  const [error, setError] = useState<string | null>(null);
  // Reload when the VM changes (its state, a rename, a change made elsewhere: its row is updated).
  useEffect(() => {
    load(ref).then(() => setError(null), (e: unknown) => setError(errorMessage(e)));
  }, [load, key, vm.state, vm.lastSeen, vm.name]);
  if (error) return <Alert color="red">{error}</Alert>;
  if (!view) return <Loader size="sm" />;
  // Forms start from the loaded view: a new view (after a change) starts them afresh.
  const stamp = JSON.stringify(view);
  return (
    <Stack gap="md" data-testid="hw-panel" data-running={view.running}>
      {last && <ChangeNotice result={last} />}
      <LiveDiffCard view={view} />
      <ResourcesCard key={`r${stamp}`} vmRef={ref} view={view} />
      <DisksCard vmRef={ref} view={view} />
      <NicsCard vmRef={ref} view={view} />
      <BootCard key={`b${stamp}`} vm={vm} view={view} />
      <DevicesCard key={`d${stamp}`} vmRef={ref} view={view} />
    </Stack>
  );
}
