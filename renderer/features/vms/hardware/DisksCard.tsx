// Disks and CD-ROM drives of both definitions: detach, attach (existing or new volume), change CD-ROM media.
import { Button, Card, Checkbox, Group, NumberInput, SegmentedControl, Select, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { DISK_BUSES, type DiskBus, type HardwareView } from '../../../../shared/model/hardware.js';
import type { DiskInfo, VmRef } from '../../../../shared/model/vm.js';
import { useT } from '../../../app/i18n/index.js';
import { withToast } from '../../../app/notify.js';
import { useHardware } from '../../../state/hardware-slice.js';
import { useStorage, volumesKey } from '../../../state/storage-slice.js';
import { PendingBadge } from './ChangeNotice.js';
import { rowsOf } from './pending.js';

/** Pool and volume pickers of one host. */
function useVolumePick(host: string) {
  const pools = useStorage((s) => s.pools[host]);
  const loadPools = useStorage((s) => s.loadPools);
  const loadVolumes = useStorage((s) => s.loadVolumes);
  const [pool, setPool] = useState<string | null>(null);
  const volumes = useStorage((s) => (pool ? s.volumes[volumesKey(host, pool)] : undefined));
  useEffect(() => void loadPools(host).catch(() => undefined), [host, loadPools]);
  useEffect(() => {
    if (pool) void loadVolumes(host, pool).catch(() => undefined);
  }, [host, pool, loadVolumes]);
  return { pools: (pools ?? []).map((p) => p.name), pool, setPool, volumes: (volumes ?? []).map((v) => v.name) };
}

function AttachForm({ vmRef }: { vmRef: VmRef }) {
  const t = useT();
  const change = useHardware((s) => s.change);
  const pick = useVolumePick(vmRef.host);
  const [mode, setMode] = useState<'new' | 'existing'>('new');
  const [sizeGiB, setSizeGiB] = useState(1);
  const [volume, setVolume] = useState<string | null>(null);
  const [bus, setBus] = useState<DiskBus>('virtio');
  const source =
    mode === 'new'
      ? { newVolume: { sizeBytes: Math.round(sizeGiB * 1024 ** 3), ...(pick.pool ? { pool: pick.pool } : {}) } }
      : pick.pool && volume
        ? { volume: { pool: pick.pool, volume } }
        : null;
  return (
    <Group align="flex-end" mt="md" gap="sm" data-testid="hw-attach">
      <SegmentedControl
        value={mode}
        onChange={(v) => setMode(v as 'new' | 'existing')}
        data={[
          { value: 'new', label: t('hw.disk.new') },
          { value: 'existing', label: t('hw.disk.existing') },
        ]}
      />
      <Select label={t('hw.disk.pool')} data={pick.pools} value={pick.pool} onChange={pick.setPool} w={150} placeholder={t('hw.disk.poolDefault')} data-testid="hw-attach-pool" />
      {mode === 'new' ? (
        <NumberInput label={t('hw.disk.sizeGiB')} min={0.001} decimalScale={3} value={sizeGiB} onChange={(v) => setSizeGiB(Number(v) || 1)} w={110} data-testid="hw-attach-size" />
      ) : (
        <Select label={t('hw.disk.volume')} data={pick.volumes} value={volume} onChange={setVolume} w={200} data-testid="hw-attach-volume" />
      )}
      <Select label={t('hw.disk.bus')} data={[...DISK_BUSES]} value={bus} onChange={(v) => setBus((v as DiskBus) ?? 'virtio')} w={110} />
      <Button
        disabled={source === null}
        onClick={() => source && void withToast(t('hw.failed'), () => change('vms.attachDisk', { ref: vmRef, ...source, bus }))}
        data-testid="hw-attach-apply"
      >
        {t('hw.disk.attach')}
      </Button>
    </Group>
  );
}

function MediaPicker({ vmRef, target }: { vmRef: VmRef; target: string }) {
  const t = useT();
  const change = useHardware((s) => s.change);
  const pick = useVolumePick(vmRef.host);
  const [volume, setVolume] = useState<string | null>(null);
  return (
    <Group gap="xs" wrap="nowrap">
      <Select size="xs" data={pick.pools} value={pick.pool} onChange={pick.setPool} w={120} placeholder={t('hw.disk.pool')} />
      <Select size="xs" data={pick.volumes} value={volume} onChange={setVolume} w={160} placeholder={t('hw.disk.volume')} />
      <Button
        size="xs"
        variant="default"
        disabled={!pick.pool || !volume}
        onClick={() => pick.pool && volume && void withToast(t('hw.failed'), () => change('vms.setCdrom', { ref: vmRef, target, volume: { pool: pick.pool as string, volume } }))}
        data-testid={`hw-cdrom-insert-${target}`}
      >
        {t('hw.cdrom.insert')}
      </Button>
    </Group>
  );
}

/** The CD-ROM at target boots first (after an install it is time to boot from the disk). */
function bootsFirst(view: HardwareView, target: string): boolean {
  const c = view.config;
  return c.bootOrder.length > 0 ? c.bootOrder[0] === target : c.boot[0] === 'cdrom';
}

export function DisksCard({ vmRef, view }: { vmRef: VmRef; view: HardwareView }) {
  const t = useT();
  const change = useHardware((s) => s.change);
  const [deleteVolume, setDeleteVolume] = useState(false);
  const rows = rowsOf(view, (s) => s.disks, (d: DiskInfo) => d.target);
  return (
    <Card withBorder radius="md" padding="md" data-testid="hw-disks">
      <Title order={5} mb="sm">
        {t('hw.disks')}
      </Title>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('details.target')}</Table.Th>
            <Table.Th>{t('hw.disk.device')}</Table.Th>
            <Table.Th>{t('hw.disk.bus')}</Table.Th>
            <Table.Th>{t('details.source')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ item: d, presence }) => (
            <Table.Tr key={d.target} data-testid={`hw-disk-${d.target}`}>
              <Table.Td>
                {d.target} {presence !== 'both' && <PendingBadge kind={presence} />}
              </Table.Td>
              <Table.Td>{d.device}</Table.Td>
              <Table.Td>{d.bus ?? ''}</Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {d.source ?? t('hw.cdrom.empty')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  {d.device === 'cdrom' && <MediaPicker vmRef={vmRef} target={d.target} />}
                  {d.device === 'cdrom' && d.source !== null && (
                    <Button size="xs" variant="default" onClick={() => void withToast(t('hw.failed'), () => change('vms.setCdrom', { ref: vmRef, target: d.target, volume: null }))} data-testid={`hw-cdrom-eject-${d.target}`}>
                      {t('hw.cdrom.eject')}
                    </Button>
                  )}
                  {d.device === 'cdrom' && d.source !== null && bootsFirst(view, d.target) && (
                    <Button size="xs" onClick={() => void withToast(t('hw.failed'), () => change('vms.setCdrom', { ref: vmRef, target: d.target, volume: null, bootDisk: true }))} data-testid={`hw-cdrom-eject-boot-${d.target}`}>
                      {t('hw.cdrom.ejectBootDisk')}
                    </Button>
                  )}
                  {d.device === 'disk' && presence !== 'until-restart' && (
                    <Button size="xs" color="red" variant="light" onClick={() => void withToast(t('hw.failed'), () => change('vms.detachDisk', { ref: vmRef, target: d.target, deleteVolume }))} data-testid={`hw-detach-${d.target}`}>
                      {t('hw.disk.detach')}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Checkbox mt="sm" label={t('hw.disk.deleteVolume')} checked={deleteVolume} onChange={(e) => setDeleteVolume(e.currentTarget.checked)} />
      <AttachForm vmRef={vmRef} />
    </Card>
  );
}
