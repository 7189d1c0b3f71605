// Which call inputs name files on the core's machine, and the rule a front end's door applies to them: such a call
// goes through only when every one of its files was picked by the user — in the app, in the main process's own file
// dialog; in a browser, staged by the web API. A token holder or a compromised renderer cannot name any other file.
import type { z } from 'zod';
import { report } from '../model/errors.js';
import { contract, type CallName, type CallResult, type Contract } from './contract.js';

/** read: the core reads it; write: the core creates it; known-hosts: the core reads it and records accepted keys. */
export type LocalFileUse = 'read' | 'write' | 'known-hosts';

export interface LocalFileRef {
  path: string;
  use: LocalFileUse;
}

type Parsed<K extends CallName> = z.output<Contract[K]['input']>;

const knownHosts = (file: string | undefined): LocalFileRef[] => (file === undefined ? [] : [{ path: file, use: 'known-hosts' }]);

/** Every call with a local file in its input; a new one must be added here (ipc unit tests check the list). */
const LOCAL_FILES: { [K in CallName]?: (input: Parsed<K>) => LocalFileRef[] } = {
  'volumes.upload': (i) => [{ path: i.file, use: 'read' }],
  'volumes.download': (i) => [{ path: i.file, use: 'write' }],
  'audit.export': (i) => [{ path: i.file, use: 'write' }],
  'vms.screenshot': (i) => [{ path: i.file, use: 'write' }],
  'images.add': (i) => (i.source.kind === 'file' ? [{ path: i.source.path, use: 'read' }] : []),
  'sheet.export': (i) => [{ path: i.file, use: 'write' }],
  'sheet.preview': (i) => [{ path: i.file, use: 'read' }],
  'sheet.apply': (i) => [{ path: i.file, use: 'read' }],
  'grants.create': (i) => (i.file === undefined ? [] : [{ path: i.file, use: 'write' }]),
  'grants.open': (i) => [{ path: i.file, use: 'read' }],
  'hosts.probeKey': (i) => knownHosts(i.knownHostsFile),
  'hosts.add': (i) => knownHosts(i.config.knownHostsFile),
  'hosts.update': (i) => knownHosts(i.config.knownHostsFile),
};

export const CALLS_WITH_LOCAL_FILES = Object.keys(LOCAL_FILES) as CallName[];

/** The local files a call would touch; [] when it touches none or its input does not parse (dispatch refuses it). */
export function localFilesOf(name: string, input: unknown): LocalFileRef[] {
  if (!Object.hasOwn(LOCAL_FILES, name)) return [];
  const call = name as CallName;
  const parsed = contract[call].input.safeParse(input);
  if (!parsed.success) return [];
  return (LOCAL_FILES[call] as (i: unknown) => LocalFileRef[])(parsed.data);
}

/** The door's check: a refusal for the first file the user did not pick, else null (dispatch the call). */
export function refuseUnpickedFiles(name: string, input: unknown, picked: (file: LocalFileRef) => boolean): CallResult<never> | null {
  const file = localFilesOf(name, input).find((f) => !picked(f));
  if (!file) return null;
  return { ok: false, ...report('file.not-picked', { file: file.path }) };
}
