// Picks a local file for the core: in the front end's own dialog where it has one (Electron, whose main process
// accepts only its own picks), else with a browser file input (the web API then stages the bytes).
import { CloseButton, FileButton, FileInput, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { fileDialog, type LocalFile } from '../state/backend.js';
import { useT } from './i18n/index.js';

type Use = 'read' | 'known-hosts';

/** A button (rendered by `children`) that lets the user pick one file and hands it to `onPick`. */
export function LocalFileButton({ use = 'read', onPick, children }: { use?: Use; onPick(file: LocalFile): void; children(props: { onClick(): void }): ReactNode }) {
  const dialog = fileDialog();
  if (!dialog) return <FileButton onChange={(f) => f && onPick(f)}>{children}</FileButton>;
  return children({ onClick: () => void dialog(use).then((f) => f && onPick(f)) });
}

interface FieldProps {
  use: Use;
  label: string;
  description?: string;
  value: LocalFile | null;
  onChange(file: LocalFile | null): void;
  'data-testid'?: string;
}

/** A form field holding one picked file (clearable). */
export function LocalFileInput({ use, value, onChange, ...field }: FieldProps) {
  const t = useT();
  const dialog = fileDialog();
  if (!dialog) return <FileInput {...field} value={value instanceof File ? value : null} onChange={onChange} clearable placeholder={t('app.chooseFile')} />;
  return (
    <TextInput
      {...field}
      readOnly
      value={value && !(value instanceof File) ? value.path : ''}
      placeholder={t('app.chooseFile')}
      onClick={() => void dialog(use).then((f) => f && onChange(f))}
      rightSection={value ? <CloseButton size="sm" onClick={() => onChange(null)} aria-label={t('app.close')} /> : null}
    />
  );
}
