// Guest SSH: who logs in and where. The address is the guest agent's, else the one IPAM reserved at launch, else
// what the user types (a static-IP VM without an agent); with none, Open stays disabled and says why.
import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { VmInfo } from '../../../shared/model/vm.js';
import { DialogForm } from '../../app/DialogForm.js';
import { useT } from '../../app/i18n/index.js';
import { useInstances } from '../../state/instances-slice.js';
import { vmKey } from '../../state/keys.js';
import { useUi } from '../../state/ui-slice.js';
import { guestAddressProblem, agentAddress } from './guest-address.js';

export function GuestSshDialog({ vm, onClose }: { vm: VmInfo; onClose: () => void }) {
  const t = useT();
  const openTab = useUi((s) => s.openTab);
  const vmAddress = useInstances((s) => s.vmAddress);
  const agent = agentAddress(vm.ips);
  // undefined while IPAM is asked; null when it has nothing.
  const [reserved, setReserved] = useState<string | null | undefined>(agent ? null : undefined);
  const [user, setUser] = useState('root');
  const [typed, setTyped] = useState<string | null>(null);
  useEffect(() => {
    if (agent) return;
    let live = true;
    vmAddress({ host: vm.host, vm: vm.uuid }).then(
      (ip) => live && setReserved(ip),
      () => live && setReserved(null),
    );
    return () => {
      live = false;
    };
  }, [agent, vm.host, vm.uuid, vmAddress]);
  const known = agent ?? reserved ?? null;
  const address = (typed ?? known ?? '').trim();
  const problem = guestAddressProblem(address, reserved === undefined);
  const hint = typed !== null && typed.trim() !== known ? undefined : agent ? t('console.sshFromAgent') : reserved ? t('console.sshFromIpam') : undefined;
  return (
    <Modal opened onClose={onClose} title={t('console.ssh')} centered size="sm">
      <DialogForm
        onSubmit={() => {
          if (problem || !user.trim()) return;
          openTab('ssh', vmKey(vm.host, vm.uuid), user.trim(), address);
          onClose();
        }}
      >
        <Stack gap="sm">
          <TextInput label={t('console.sshUser')} value={user} onChange={(e) => setUser(e.currentTarget.value)} data-autofocus data-testid="ssh-user" />
          <TextInput
            label={t('console.sshAddress')}
            placeholder="192.0.2.10"
            value={typed ?? known ?? ''}
            onChange={(e) => setTyped(e.currentTarget.value)}
            description={hint}
            error={problem === 'invalid' ? t('console.sshAddressInvalid') : undefined}
            data-testid="ssh-address"
          />
        </Stack>
        <Group justify="flex-end" mt="md" gap="sm">
          {problem === 'none' && (
            <span style={{ fontSize: 'var(--mantine-font-size-xs)', color: 'var(--mantine-color-dimmed)' }} data-testid="ssh-no-address">
              {t('console.sshNoAddress')}
            </span>
          )}
          <Button type="submit" disabled={problem !== null || !user.trim()} data-testid="ssh-open">
            {t('console.sshOpen')}
          </Button>
        </Group>
      </DialogForm>
    </Modal>
  );
}
