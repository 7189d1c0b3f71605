// Lifecycle buttons and menus for one VM, with confirmation for destructive actions and lock-aware disabling.
import { ActionIcon, Button, Checkbox, Group, Menu, Modal, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import {
  IconKey,
  IconShare,
  IconDeviceDesktop,
  IconDots,
  IconLock,
  IconLockOpen,
  IconPlayerPause,
  IconPlayerPlay,
  IconPlayerStop,
  IconPower,
  IconListDetails,
  IconRestore,
  IconDeviceFloppy,
  IconRotateClockwise,
  IconTerminal2,
  IconTerminal,
  IconTrash,
  IconBolt,
  IconArrowsRightLeft,
  IconCopy,
  IconTemplate,
} from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import type { VmAction, VmInfo } from '../../../shared/model/vm.js';
import { hasLiveGuest } from '../../../shared/model/vm-rules.js';
import { useConfirm } from '../../app/confirm.js';
import { DialogFooter } from '../../app/DialogFooter.js';
import { useT, type MessageKey } from '../../app/i18n/index.js';
import { withToast } from '../../app/notify.js';
import { vmKey } from '../../state/keys.js';
import { useUi } from '../../state/ui-slice.js';
import { refOf, useVms } from '../../state/vms-slice.js';
import { GuestSshDialog } from '../consoles/GuestSshDialog.js';
import { GrantDialog } from '../grants/GrantDialog.js';
import { GrantsDialog } from '../grants/GrantsDialog.js';
import { availability, CONFIRM, type LifecycleAction } from './action-rules.js';
import { CloneDialog } from './CloneDialog.js';
import { MigrateDialog } from './MigrateDialog.js';
import { TemplateDialog } from './TemplateDialog.js';

const ICONS: Readonly<Record<LifecycleAction, ReactNode>> = {
  start: <IconPlayerPlay size={16} />,
  shutdown: <IconPower size={16} />,
  reboot: <IconRotateClockwise size={16} />,
  destroy: <IconPlayerStop size={16} />,
  suspend: <IconPlayerPause size={16} />,
  resume: <IconPlayerPlay size={16} />,
  save: <IconDeviceFloppy size={16} />,
  reset: <IconBolt size={16} />,
  delete: <IconTrash size={16} />,
};

const PRIMARY: readonly VmAction[] = ['start', 'resume', 'shutdown', 'reboot', 'suspend'];
const SECONDARY: readonly VmAction[] = ['destroy', 'reset', 'save'];

function useLifecycle(vm: VmInfo) {
  const t = useT();
  const act = useVms((s) => s.act);
  const [dialog, confirm] = useConfirm();
  const run = async (action: VmAction) => {
    const label = t(`action.${action}`);
    if (CONFIRM.has(action)) {
      const ok = await confirm({
        body: t(`action.confirm.${action as 'destroy' | 'reset' | 'save'}`, { name: vm.name }),
        confirmLabel: label,
        danger: action !== 'save',
      });
      if (!ok) return;
    }
    await withToast(t('app.actionFailed', { action: label }), () => act(refOf(vm), action));
  };
  return { dialog, run };
}

function DeleteDialog({ vm, opened, onClose }: { vm: VmInfo; opened: boolean; onClose: () => void }) {
  const t = useT();
  const deleteVm = useVms((s) => s.deleteVm);
  const [withStorage, setWithStorage] = useState(false);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    await withToast(t('app.actionFailed', { action: t('action.delete.confirm') }), () => deleteVm(refOf(vm), withStorage));
    setBusy(false);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('action.delete.title', { name: vm.name })} centered>
      <Stack gap="sm">
        <Text size="sm">{t('action.delete.body', { host: vm.host })}</Text>
        <Checkbox
          label={t('action.delete.withStorage')}
          checked={withStorage}
          onChange={(e) => setWithStorage(e.currentTarget.checked)}
          data-testid="delete-with-storage"
        />
        <TextInput
          label={t('action.delete.typeName')}
          placeholder={vm.name}
          value={typed}
          onChange={(e) => setTyped(e.currentTarget.value)}
          data-testid="delete-type-name"
        />
        <DialogFooter onCancel={onClose} submitLabel={t('action.delete.confirm')} submitTestId="delete-confirm" onSubmit={() => void submit()} color="red" busy={busy} disabled={typed !== vm.name} />
      </Stack>
    </Modal>
  );
}

function ConsoleMenuItems({ vm, onSsh }: { vm: VmInfo; onSsh: () => void }) {
  const t = useT();
  const openTab = useUi((s) => s.openTab);
  const key = vmKey(vm.host, vm.uuid);
  const off = vm.stale || !hasLiveGuest(vm.state);
  return (
    <>
      <Menu.Item leftSection={<IconDeviceDesktop size={16} />} disabled={off} onClick={() => openTab('vnc', key)} data-testid="open-vnc">
        {t('console.vnc')}
      </Menu.Item>
      <Menu.Item leftSection={<IconTerminal size={16} />} disabled={off} onClick={() => openTab('serial', key)} data-testid="open-serial">
        {t('console.serial')}
      </Menu.Item>
      <Menu.Item leftSection={<IconTerminal2 size={16} />} disabled={off} onClick={onSsh} data-testid="open-ssh">
        {t('console.ssh')}
      </Menu.Item>
    </>
  );
}

function reasonTip(t: (k: MessageKey) => string, blockedBy: MessageKey | null, node: ReactNode) {
  return blockedBy ? (
    <Tooltip label={t(blockedBy)}>
      <span>{node}</span>
    </Tooltip>
  ) : (
    node
  );
}

/** One menu item per lifecycle action that applies to the VM; blocked ones are disabled with the reason. */
function ActionMenuItems({ vm, actions, run }: { vm: VmInfo; actions: readonly VmAction[]; run: (a: VmAction) => void }) {
  const t = useT();
  return (
    <>
      {actions.map((a) => {
        const av = availability(vm, a);
        if (!av.applies) return null;
        return (
          <Menu.Item
            key={a}
            leftSection={ICONS[a]}
            disabled={av.blockedBy !== null}
            title={av.blockedBy ? t(av.blockedBy) : undefined}
            color={a === 'destroy' ? 'red' : undefined}
            onClick={() => run(a)}
            data-testid={`vm-action-${a}`}
          >
            {t(`action.${a}`)}
          </Menu.Item>
        );
      })}
    </>
  );
}

interface ManageProps {
  vm: VmInfo;
  onDelete: () => void;
  onMigrate: () => void;
  onClone: () => void;
  onTemplate: () => void;
  run: (a: VmAction) => void;
}

function ManageMenuItems({ vm, onDelete, onMigrate, onClone, onTemplate, run }: ManageProps) {
  const t = useT();
  const setLocked = useVms((s) => s.setLocked);
  const setAutostart = useVms((s) => s.setAutostart);
  const del = availability(vm, 'delete');
  return (
    <>
      <ActionMenuItems vm={vm} actions={SECONDARY} run={run} />
      <Menu.Divider />
      <Menu.Item
        leftSection={vm.locked ? <IconLockOpen size={16} /> : <IconLock size={16} />}
        disabled={vm.stale}
        onClick={() => void withToast(t('app.actionFailed', { action: t(vm.locked ? 'action.unlock' : 'action.lock') }), () => setLocked(refOf(vm), !vm.locked))}
        data-testid={vm.locked ? 'vm-action-unlock' : 'vm-action-lock'}
      >
        {t(vm.locked ? 'action.unlock' : 'action.lock')}
      </Menu.Item>
      <Menu.Item
        leftSection={<IconRestore size={16} />}
        disabled={vm.stale || !vm.persistent}
        onClick={() =>
          void withToast(t('app.actionFailed', { action: t('details.autostart') }), () => setAutostart(refOf(vm), !vm.autostart))
        }
        data-testid="vm-action-autostart"
      >
        {t(vm.autostart ? 'action.autostartOff' : 'action.autostartOn')}
      </Menu.Item>
      <Menu.Item leftSection={<IconArrowsRightLeft size={16} />} disabled={vm.stale} onClick={onMigrate} data-testid="vm-action-migrate">
        {t('action.migrate')}
      </Menu.Item>
      <Menu.Item
        leftSection={<IconCopy size={16} />}
        disabled={vm.stale || !vm.persistent}
        onClick={onClone}
        data-testid="vm-action-clone"
      >
        {t('action.clone')}
      </Menu.Item>
      <Menu.Item leftSection={<IconTemplate size={16} />} disabled={vm.stale || vm.locked || vm.state !== 'running'} onClick={onTemplate} data-testid="vm-action-template">
        {t('action.template')}
      </Menu.Item>
      <Menu.Divider />
      <Menu.Item
        leftSection={ICONS.delete}
        color="red"
        disabled={del.blockedBy !== null}
        title={del.blockedBy ? t(del.blockedBy) : undefined}
        onClick={onDelete}
        data-testid="vm-action-delete"
      >
        {t('action.delete')}
      </Menu.Item>
    </>
  );
}

/** The toolbar of the VM details view. */
export function VmActionBar({ vm }: { vm: VmInfo }) {
  const t = useT();
  const { dialog, run } = useLifecycle(vm);
  const [deleting, setDeleting] = useState(false);
  const [migrating, setMigrating] = useState(false);
  const [cloning, setCloning] = useState(false);
  const [templating, setTemplating] = useState(false);
  const [ssh, setSsh] = useState(false);
  const [grant, setGrant] = useState<'share' | 'list' | null>(null);
  return (
    <Group gap="xs">
      {PRIMARY.map((a) => {
        const av = availability(vm, a);
        if (!av.applies) return null;
        return (
          <span key={a}>
            {reasonTip(
              t,
              av.blockedBy,
              <Button
                size="xs"
                variant={a === 'start' || a === 'resume' ? 'filled' : 'default'}
                leftSection={ICONS[a]}
                disabled={av.blockedBy !== null}
                onClick={() => void run(a)}
                data-testid={`vm-action-${a}`}
              >
                {t(`action.${a}`)}
              </Button>,
            )}
          </span>
        );
      })}
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button size="xs" variant="default" leftSection={<IconTerminal2 size={16} />} data-testid="vm-consoles">
            {t('console.open')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <ConsoleMenuItems vm={vm} onSsh={() => setSsh(true)} />
          <Menu.Divider />
          <Menu.Item leftSection={<IconShare size={16} />} disabled={vm.stale} onClick={() => setGrant('share')} data-testid="grant-share">
            {t('grant.share')}
          </Menu.Item>
          <Menu.Item leftSection={<IconKey size={16} />} disabled={vm.stale} onClick={() => setGrant('list')} data-testid="grant-list">
            {t('grant.manage')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="default" size="md" aria-label={t('action.more')} data-testid="vm-more">
            <IconDots size={16} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <ManageMenuItems vm={vm} run={(a) => void run(a)} onDelete={() => setDeleting(true)} onMigrate={() => setMigrating(true)} onClone={() => setCloning(true)} onTemplate={() => setTemplating(true)} />
        </Menu.Dropdown>
      </Menu>
      {dialog}
      {deleting && <DeleteDialog vm={vm} opened onClose={() => setDeleting(false)} />}
      {migrating && <MigrateDialog vm={vm} onClose={() => setMigrating(false)} />}
      {cloning && <CloneDialog vm={vm} onClose={() => setCloning(false)} />}
      {templating && <TemplateDialog vm={vm} onClose={() => setTemplating(false)} />}
      {ssh && <GuestSshDialog vm={vm} onClose={() => setSsh(false)} />}
      {grant === 'share' && <GrantDialog vm={vm} onClose={() => setGrant(null)} />}
      {grant === 'list' && <GrantsDialog scope={{ host: vm.host, vm: vm.uuid }} title={t('grant.listVm', { vm: vm.name })} onClose={() => setGrant(null)} />}
    </Group>
  );
}

/** The "…" menu at the end of a table row. */
export function VmRowMenu({ vm }: { vm: VmInfo }) {
  const t = useT();
  const openTab = useUi((s) => s.openTab);
  const { dialog, run } = useLifecycle(vm);
  const [deleting, setDeleting] = useState(false);
  const [migrating, setMigrating] = useState(false);
  const [cloning, setCloning] = useState(false);
  const [templating, setTemplating] = useState(false);
  const [ssh, setSsh] = useState(false);
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" aria-label={t('vm.actions')} data-testid="vm-menu" onClick={(e) => e.stopPropagation()}>
            <IconDots size={16} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown onClick={(e) => e.stopPropagation()}>
          <Menu.Item leftSection={<IconListDetails size={16} />} onClick={() => openTab('vm', vmKey(vm.host, vm.uuid))}>
            {t('vm.open')}
          </Menu.Item>
          <ActionMenuItems vm={vm} actions={PRIMARY} run={(a) => void run(a)} />
          <Menu.Divider />
          <ConsoleMenuItems vm={vm} onSsh={() => setSsh(true)} />
          <Menu.Divider />
          <ManageMenuItems vm={vm} run={(a) => void run(a)} onDelete={() => setDeleting(true)} onMigrate={() => setMigrating(true)} onClone={() => setCloning(true)} onTemplate={() => setTemplating(true)} />
        </Menu.Dropdown>
      </Menu>
      {dialog}
      {deleting && <DeleteDialog vm={vm} opened onClose={() => setDeleting(false)} />}
      {migrating && <MigrateDialog vm={vm} onClose={() => setMigrating(false)} />}
      {cloning && <CloneDialog vm={vm} onClose={() => setCloning(false)} />}
      {templating && <TemplateDialog vm={vm} onClose={() => setTemplating(false)} />}
      {ssh && <GuestSshDialog vm={vm} onClose={() => setSsh(false)} />}
    </>
  );
}
