// Inline editors of a VM's facts (tags, owner, notes), used in the VM table and the details panel. Each change goes
// to the VM's host at once; a stale VM (host offline) shows its facts read-only.
import { ActionIcon, Badge, Button, CloseButton, Group, Text, Textarea, TextInput, Tooltip, UnstyledButton } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState, type KeyboardEvent } from 'react';
import type { VmInfo } from '../../../shared/model/vm.js';
import { isTag } from '../../../shared/model/vm-facts.js';
import { useT } from '../../app/i18n/index.js';
import { withToast } from '../../app/notify.js';
import { refOf, useVms } from '../../state/vms-slice.js';

/** Enter commits, Escape cancels. */
function keys(commit: () => void, cancel: () => void) {
  return (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      commit();
    } else if (e.key === 'Escape') cancel();
  };
}

export function TagsEditor({ vm, size = 'xs' }: { vm: VmInfo; size?: 'xs' | 'sm' }) {
  const t = useT();
  const setTags = useVms((s) => s.setTags);
  const [draft, setDraft] = useState<string | null>(null);
  const change = (add: string[], remove: string[]) =>
    void withToast(t('app.actionFailed', { action: t('facts.saveTags') }), () => setTags(refOf(vm), add, remove));
  const bad = draft !== null && draft.trim() !== '' && !isTag(draft.trim());
  const commit = () => {
    const tag = draft?.trim() ?? '';
    if (bad) return;
    setDraft(null);
    if (tag !== '' && !vm.tags.includes(tag)) change([tag], []);
  };
  return (
    <Group gap={4} wrap="nowrap" data-testid="vm-tags">
      {vm.tags.map((tag) => (
        <Badge
          key={tag}
          size={size}
          variant="outline"
          radius="sm"
          color="gray"
          data-testid={`vm-tag-${tag}`}
          rightSection={
            vm.stale ? undefined : (
              <CloseButton size={12} aria-label={t('facts.removeTag', { tag })} onClick={() => change([], [tag])} data-testid={`vm-tag-remove-${tag}`} />
            )
          }
        >
          {tag}
        </Badge>
      ))}
      {!vm.stale &&
        (draft === null ? (
          <Tooltip label={t('facts.addTag')}>
            <ActionIcon size="xs" variant="subtle" color="gray" aria-label={t('facts.addTag')} onClick={() => setDraft('')} data-testid="vm-tag-add">
              <IconPlus size={12} />
            </ActionIcon>
          </Tooltip>
        ) : (
          <TextInput
            size="xs"
            w={110}
            autoFocus
            value={draft}
            placeholder={t('facts.tagPlaceholder')}
            error={bad ? t('facts.badTag') : undefined}
            onChange={(e) => setDraft(e.currentTarget.value)}
            onKeyDown={keys(commit, () => setDraft(null))}
            onBlur={commit}
            data-testid="vm-tag-input"
          />
        ))}
    </Group>
  );
}

export function OwnerEditor({ vm }: { vm: VmInfo }) {
  const t = useT();
  const setOwner = useVms((s) => s.setOwner);
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    const owner = draft?.trim() ?? '';
    setDraft(null);
    if (owner !== (vm.owner ?? '')) void withToast(t('app.actionFailed', { action: t('facts.saveOwner') }), () => setOwner(refOf(vm), owner));
  };
  if (draft !== null) {
    return (
      <TextInput
        size="xs"
        autoFocus
        value={draft}
        maxLength={128}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={keys(commit, () => setDraft(null))}
        onBlur={commit}
        data-testid="vm-owner-input"
      />
    );
  }
  const text = (
    <Text size="sm" c={vm.owner ? undefined : 'dimmed'} truncate data-testid="vm-owner">
      {vm.owner ?? t('facts.noOwner')}
    </Text>
  );
  if (vm.stale) return text;
  return (
    <Tooltip label={t('facts.setOwner')} openDelay={500}>
      <UnstyledButton onClick={() => setDraft(vm.owner ?? '')} aria-label={t('facts.setOwner')} style={{ maxWidth: '100%' }} data-testid="vm-owner-edit">
        {text}
      </UnstyledButton>
    </Tooltip>
  );
}

export function NotesEditor({ vm }: { vm: VmInfo }) {
  const t = useT();
  const setNotes = useVms((s) => s.setNotes);
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? vm.notes;
  return (
    <div>
      <Textarea
        autosize
        minRows={2}
        maxRows={12}
        value={text}
        readOnly={vm.stale}
        placeholder={t('facts.notesPlaceholder')}
        onChange={(e) => setDraft(e.currentTarget.value)}
        data-testid="vm-notes"
      />
      {draft !== null && draft !== vm.notes && (
        <Group gap="xs" mt="xs" justify="flex-end">
          <Button size="xs" variant="default" onClick={() => setDraft(null)}>
            {t('facts.cancel')}
          </Button>
          <Button
            size="xs"
            onClick={() =>
              // The draft stays when the host refuses it (offline, too long): nothing typed is lost.
              void withToast(t('app.actionFailed', { action: t('facts.saveNotes') }), () => setNotes(refOf(vm), draft).then(() => true)).then(
                (saved) => saved && setDraft(null),
              )
            }
            data-testid="vm-notes-save"
          >
            {t('facts.save')}
          </Button>
        </Group>
      )}
    </div>
  );
}
