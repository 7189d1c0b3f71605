// Migrate a VM to another host: the target, a target network for each network it uses, a new address when its IPAM
// one cannot stay, shared storage or a copy, and whether the source's volumes go afterwards. It closes at once: the core checks first, progress and cancel are
// in the task list, a refusal comes as a toast in words.
import { Checkbox, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { VmInfo } from '../../../shared/model/vm.js';
import { DialogFooter } from '../../app/DialogFooter.js';
import { useT } from '../../app/i18n/index.js';
import { withToast } from '../../app/notify.js';
import { useHosts } from '../../state/hosts-slice.js';
import { refOf, useVms } from '../../state/vms-slice.js';
import { addressOption, NewAddressInput } from './NewAddressInput.js';

export function MigrateDialog({ vm, onClose }: { vm: VmInfo; onClose: () => void }) {
  const t = useT();
  const migrate = useVms((s) => s.migrate);
  const hosts = useHosts((s) => s.byName);
  const targets = Object.values(hosts).filter((h) => h.name !== vm.host && h.status === 'online').map((h) => h.name);
  const networks = [...new Set(vm.nics.filter((n) => n.type === 'network' && n.source).map((n) => n.source as string))];
  const [dest, setDest] = useState<string | null>(targets[0] ?? null);
  const [mapped, setMapped] = useState<Record<string, string>>(Object.fromEntries(networks.map((n) => [n, n])));
  const [shared, setShared] = useState(false);
  const [deleteSource, setDeleteSource] = useState(false);
  const [ip, setIp] = useState('');
  const submit = async () => {
    if (!dest) return;
    const networkMap = Object.fromEntries(Object.entries(mapped).filter(([from, to]) => to.trim() && to !== from));
    onClose();
    await withToast(t('app.actionFailed', { action: t('action.migrate.confirm') }), () =>
      migrate({ ref: refOf(vm), dest, storage: shared ? 'shared' : 'copy', networkMap, deleteSource: !shared && deleteSource, ...addressOption(ip) }));
  };
  return (
    <Modal opened onClose={onClose} title={t('action.migrate.title', { name: vm.name, host: vm.host })} centered data-testid="migrate-dialog">
      <Stack gap="sm">
        <Text size="sm">{t('action.migrate.body')}</Text>
        <Select label={t('action.migrate.dest')} data={targets} value={dest} onChange={setDest} allowDeselect={false} data-testid="migrate-dest" />
        {networks.map((n) => (
          <TextInput
            key={n}
            label={t('action.migrate.network', { network: n })}
            value={mapped[n] ?? n}
            onChange={(e) => setMapped({ ...mapped, [n]: e.currentTarget.value })}
            data-testid={`migrate-network-${n}`}
          />
        ))}
        <NewAddressInput label={t('action.migrate.ip')} hint={t('action.migrate.ipHint')} value={ip} onChange={setIp} testId="migrate-ip" />
        <Checkbox label={t('action.migrate.shared')} checked={shared} onChange={(e) => setShared(e.currentTarget.checked)} data-testid="migrate-shared" />
        <Checkbox
          label={t('action.migrate.deleteSource', { host: vm.host })}
          checked={deleteSource}
          disabled={shared}
          onChange={(e) => setDeleteSource(e.currentTarget.checked)}
          data-testid="migrate-delete-source"
        />
        <DialogFooter onCancel={onClose} submitLabel={t('action.migrate.confirm')} submitTestId="migrate-confirm" onSubmit={() => void submit()} disabled={!dest} />
      </Stack>
    </Modal>
  );
}
