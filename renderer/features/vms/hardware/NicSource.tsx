// Where a NIC is plugged in: a libvirt network of the host or a bridge on it; and the form that moves a NIC there.
import { Button, Group, SegmentedControl, Select, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { HwNic } from '../../../../shared/model/hardware.js';
import type { VmRef } from '../../../../shared/model/vm.js';
import { useT } from '../../../app/i18n/index.js';
import { withToast } from '../../../app/notify.js';
import { useHardware } from '../../../state/hardware-slice.js';
import { useNetworks } from '../../../state/networks-slice.js';

export type PickedSource = { network: string } | { bridge: string } | null;

/** A network of the host, or a bridge name typed in; onChange gets null until one is complete. Test ids start with testId. */
export function NicSourcePicker({ host, onChange, testId }: { host: string; onChange: (s: PickedSource) => void; testId: string }) {
  const t = useT();
  const networks = useNetworks((s) => s.byHost[host]);
  const load = useNetworks((s) => s.load);
  const [kind, setKind] = useState<'network' | 'bridge'>('network');
  const [network, setNetwork] = useState<string | null>(null);
  const [bridge, setBridge] = useState('');
  useEffect(() => void load(host).catch(() => undefined), [host, load]);
  useEffect(() => {
    onChange(kind === 'network' ? (network ? { network } : null) : bridge.trim() ? { bridge: bridge.trim() } : null);
  }, [kind, network, bridge, onChange]);
  return (
    <>
      <SegmentedControl
        value={kind}
        onChange={(v) => setKind(v as 'network' | 'bridge')}
        data={[
          { value: 'network', label: t('hw.nic.network') },
          { value: 'bridge', label: t('hw.nic.bridge') },
        ]}
        data-testid={`${testId}-kind`}
      />
      {kind === 'network' ? (
        <Select aria-label={t('hw.nic.network')} data={(networks ?? []).map((n) => n.name)} value={network} onChange={setNetwork} w={180} data-testid={`${testId}-network`} />
      ) : (
        <TextInput aria-label={t('hw.nic.bridge')} placeholder="br0" value={bridge} onChange={(e) => setBridge(e.currentTarget.value)} w={140} data-testid={`${testId}-bridge`} />
      )}
    </>
  );
}

/** Moves one of the VM's NICs to another network or bridge (live where libvirt can). */
export function MoveNic({ vmRef, nics }: { vmRef: VmRef; nics: HwNic[] }) {
  const t = useT();
  const change = useHardware((s) => s.change);
  const [mac, setMac] = useState<string | null>(null);
  const [to, setTo] = useState<PickedSource>(null);
  if (nics.length === 0) return null;
  return (
    <Group align="flex-end" mt="md" gap="sm" data-testid="hw-move-nic">
      <Select aria-label={t('details.mac')} placeholder={t('details.mac')} data={nics.map((n) => n.mac)} value={mac} onChange={setMac} w={190} data-testid="hw-move-nic-mac" />
      <NicSourcePicker host={vmRef.host} onChange={setTo} testId="hw-move-nic" />
      <Button
        variant="default"
        disabled={!mac || !to}
        onClick={() => mac && to && void withToast(t('hw.failed'), () => change('vms.moveNic', { ref: vmRef, mac, ...to }))}
        data-testid="hw-move-nic-apply"
      >
        {t('hw.nic.move')}
      </Button>
    </Group>
  );
}
