// Saved views in the sidebar: save the VM table's filter, host, columns, grouping and sort under a name; select one
// to get it back; rename or delete it.
import { ActionIcon, Group, Menu, Modal, NavLink, Text, TextInput } from '@mantine/core';
import { IconDeviceFloppy, IconLayoutList, IconPencil, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { DialogFooter } from '../../app/DialogFooter.js';
import { DialogForm } from '../../app/DialogForm.js';
import { useT } from '../../app/i18n/index.js';
import { ItemMenu } from '../../app/ItemMenu.js';
import { useUi } from '../../state/ui-slice.js';
import { viewName, VIEW_NAME_MAX } from './saved-views.js';

/** Asks a view's name; `taken` names are refused (but `initial`, the view's own name). */
function NameDialog({ title, initial, taken, onDone }: { title: string; initial: string; taken: readonly string[]; onDone: (name: string | null) => void }) {
  const t = useT();
  const [value, setValue] = useState(initial);
  const name = viewName(value);
  const clash = name !== null && name !== initial && taken.includes(name);
  return (
    <Modal opened onClose={() => onDone(null)} title={title} centered>
      <DialogForm onSubmit={() => { if (name && !clash) onDone(name); }}>
        <TextInput
          label={t('views.name')}
          value={value}
          maxLength={VIEW_NAME_MAX}
          onChange={(e) => setValue(e.currentTarget.value)}
          error={clash ? t('views.taken', { name: name ?? '' }) : undefined}
          data-autofocus
          data-testid="view-name"
        />
        <DialogFooter onCancel={() => onDone(null)} submitLabel={t('facts.save')} submitTestId="view-name-ok" disabled={!name || clash} mt="md" />
      </DialogForm>
    </Modal>
  );
}

type Asking = { kind: 'save' } | { kind: 'rename'; from: string } | null;

export function SavedViewsNav() {
  const t = useT();
  const { views, activeView, saveView, applyView, renameView, deleteView } = useUi(
    useShallow((s) => ({
      views: s.views,
      activeView: s.activeView,
      saveView: s.saveView,
      applyView: s.applyView,
      renameView: s.renameView,
      deleteView: s.deleteView,
    })),
  );
  const [asking, setAsking] = useState<Asking>(null);
  const names = views.map((v) => v.name);
  return (
    <div data-testid="saved-views">
      <Group justify="space-between" px="sm" pt="md" pb={4}>
        <Text size="xs" fw={700} c="dimmed" tt="uppercase">
          {t('views.title')}
        </Text>
        <ActionIcon size="sm" variant="subtle" color="gray" aria-label={t('views.save')} onClick={() => setAsking({ kind: 'save' })} data-testid="view-save">
          <IconDeviceFloppy size={14} />
        </ActionIcon>
      </Group>
      {views.length === 0 && (
        <Text size="xs" c="dimmed" px="sm">
          {t('views.none')}
        </Text>
      )}
      {views.map((v) => (
        <NavLink
          key={v.name}
          active={activeView === v.name}
          onClick={() => applyView(v.name)}
          leftSection={<IconLayoutList size={16} />}
          label={<Text size="sm" truncate>{v.name}</Text>}
          data-testid={`view-${v.name}`}
          rightSection={
            <ItemMenu label={t('views.menu')} testId="view-menu">
              <Menu.Item leftSection={<IconDeviceFloppy size={16} />} onClick={() => saveView(v.name)} data-testid="view-update">
                {t('views.update')}
              </Menu.Item>
              <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => setAsking({ kind: 'rename', from: v.name })} data-testid="view-rename">
                {t('views.rename')}
              </Menu.Item>
              <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => deleteView(v.name)} data-testid="view-delete">
                {t('views.delete')}
              </Menu.Item>
            </ItemMenu>
          }
        />
      ))}
      {asking && (
        <NameDialog
          title={asking.kind === 'save' ? t('views.save') : t('views.rename')}
          initial={asking.kind === 'rename' ? asking.from : ''}
          taken={asking.kind === 'save' ? [] : names}
          onDone={(name) => {
            if (name && asking.kind === 'save') saveView(name);
            if (name && asking.kind === 'rename') renameView(asking.from, name);
            setAsking(null);
          }}
        />
      )}
    </div>
  );
}
