// The bulk action bar above the VM table: the selected rows, or every row the filter shows; each action opens its
// preview (BulkDialog) and runs as one task.
import { Button, Group, SegmentedControl, Text } from '@mantine/core';
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { BULK_ACTIONS, type BulkAction } from '../../../shared/model/bulk.js';
import type { VmInfo } from '../../../shared/model/vm.js';
import { useT } from '../../app/i18n/index.js';
import { vmKey } from '../../state/keys.js';
import { useUi } from '../../state/ui-slice.js';
import { BULK_LABELS, BulkDialog } from './BulkDialog.js';

type Scope = 'selected' | 'matching';

export function BulkBar({ vms }: { vms: readonly VmInfo[] }) {
  const t = useT();
  const { selected, clearSelection } = useUi(useShallow((s) => ({ selected: s.selected, clearSelection: s.clearSelection })));
  const [scope, setScope] = useState<Scope>('selected');
  const [open, setOpen] = useState<{ action: BulkAction; vms: { host: string; uuid: string }[] } | null>(null);
  if (vms.length === 0) return null;
  const chosen = vms.filter((vm) => selected[vmKey(vm.host, vm.uuid)]);
  // Nothing selected: the actions apply to every row the filter shows.
  const effective: Scope = chosen.length === 0 ? 'matching' : scope;
  const targets = effective === 'selected' ? chosen : vms;
  return (
    <Group gap="xs" data-testid="vm-bulk-bar" data-scope={effective}>
      {chosen.length > 0 && (
        <Text size="sm" fw={500}>
          {t('vm.selected', { count: chosen.length })}
        </Text>
      )}
      <SegmentedControl
        size="xs"
        value={effective}
        onChange={(v) => setScope(v as Scope)}
        data={[
          { value: 'selected', label: t('bulk.scope.selected', { count: chosen.length }), disabled: chosen.length === 0 },
          { value: 'matching', label: t('bulk.scope.matching', { count: vms.length }) },
        ]}
        data-testid="bulk-scope"
      />
      {BULK_ACTIONS.map((action) => (
        <Button
          key={action}
          size="xs"
          variant={action === 'destroy' ? 'light' : 'default'}
          color={action === 'destroy' ? 'red' : undefined}
          onClick={() => setOpen({ action, vms: targets.map((vm) => ({ host: vm.host, uuid: vm.uuid })) })}
          data-testid={`bulk-${action}`}
        >
          {t(BULK_LABELS[action])}
        </Button>
      ))}
      {chosen.length > 0 && (
        <Button size="xs" variant="subtle" color="gray" onClick={clearSelection}>
          {t('vm.clearSelection')}
        </Button>
      )}
      {open && <BulkDialog action={open.action} vms={open.vms} onClose={() => setOpen(null)} />}
    </Group>
  );
}
