// virtdeck vol list|create|clone|resize|upload|download|delete
import { PREALLOCATIONS, VOLUME_FORMATS } from '../../../shared/model/storage.js';
import { JSON_FLAG, from } from './common.js';
import type { ArgDef, FlagDef, GroupDef } from './types.js';

const code = () => import('../commands/vol.js');
const POOL_ARG: ArgDef = { name: 'HOST/POOL' };
const VOL_ARG: ArgDef = { name: 'HOST/POOL/VOL' };
const FILE_ARG: ArgDef = { name: 'FILE', complete: 'file' };
const OVERCOMMIT: FlagDef = { name: 'overcommit', help: 'allow more than the pool has free' };

export const volGroup: GroupDef = {
  name: 'vol',
  summary: 'volumes of a pool: create, clone, resize, upload, download',
  details: 'SIZE: 10G, 512M, 1.5T, 20GB or bytes.',
  commands: [
    { name: 'list', aliases: ['ls'], summary: 'volumes of a running pool, each with its backing chain', args: [POOL_ARG], flags: [JSON_FLAG], load: from(code, 'list') },
    {
      name: 'create',
      summary: 'create a volume (with --backing: a qcow2 overlay, a linked clone)',
      args: [POOL_ARG, { name: 'NAME' }],
      flags: [
        { name: 'size', value: 'SIZE', help: 'capacity (default with --backing: the backing volume\'s)' },
        { name: 'format', value: 'FMT', choices: VOLUME_FORMATS, help: 'disk format (default qcow2)' },
        { name: 'prealloc', value: 'MODE', choices: PREALLOCATIONS, help: 'preallocation (default off)' },
        { name: 'backing', value: 'VOL|PATH', help: 'backing volume of the pool, or a path on the host' },
        OVERCOMMIT,
      ],
      load: from(code, 'create'),
    },
    { name: 'clone', summary: 'full copy under a new name in the same pool', args: [VOL_ARG, { name: 'NEWNAME' }], load: from(code, 'clone') },
    {
      name: 'copy',
      summary: "copy a volume to another host's pool (same pool and name unless given; over SFTP between file-backed pools), SHA-256 checked",
      args: [VOL_ARG, { name: 'DEST[/POOL][/NEWNAME]' }],
      flags: [JSON_FLAG],
      load: from(code, 'copy'),
    },
    {
      name: 'resize',
      summary: 'change the capacity of a volume',
      args: [VOL_ARG, { name: 'SIZE' }],
      flags: [{ name: 'shrink', help: 'allow making it smaller (data past the end is lost)' }, OVERCOMMIT],
      load: from(code, 'resize'),
    },
    {
      name: 'upload',
      summary: 'copy a local file into a volume (created when missing; over SFTP into a file-backed pool); prints its SHA-256',
      args: [VOL_ARG, FILE_ARG],
      flags: [JSON_FLAG],
      load: from(code, 'transfer'),
    },
    {
      name: 'download',
      summary: 'copy a volume into a new local file (never overwrites); prints its SHA-256',
      args: [VOL_ARG, FILE_ARG],
      flags: [JSON_FLAG],
      load: from(code, 'transfer'),
    },
    { name: 'delete', aliases: ['rm'], summary: 'delete a volume', args: [VOL_ARG], load: from(code, 'remove') },
  ],
};
