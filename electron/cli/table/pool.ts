// virtdeck pool list|discover|define|build|start|stop|refresh|autostart|delete
import { DISCOVERABLE_POOL_TYPES, POOL_TYPES } from '../../../shared/model/storage.js';
import { AUTOSTART_FLAG, HOST_ARG, HOST_FILTER, JSON_FLAG, autostartCommand, from } from './common.js';
import type { ArgDef, GroupDef } from './types.js';

const code = () => import('../commands/pool.js');
const POOL_ARG: ArgDef = { name: 'HOST/POOL' };

export const poolGroup: GroupDef = {
  name: 'pool',
  summary: 'storage pools: directories, disks, NFS, LVM, iSCSI, Ceph RBD',
  commands: [
    {
      name: 'list',
      aliases: ['ls'],
      summary: 'pools with capacity, allocation and what is available',
      flags: [HOST_FILTER, JSON_FLAG],
      load: from(code, 'list'),
    },
    {
      name: 'discover',
      summary: 'NFS exports of a server, LVM volume groups, iSCSI targets the host can see',
      args: [HOST_ARG],
      flags: [
        { name: 'type', value: 'TYPE', choices: DISCOVERABLE_POOL_TYPES, required: true, help: 'what to look for' },
        { name: 'source-host', value: 'SERVER', help: 'the NFS or iSCSI server to ask' },
        JSON_FLAG,
      ],
      load: from(code, 'discover'),
    },
    {
      name: 'define',
      summary: 'define a pool (all or nothing: a failed build or start leaves no pool behind)',
      args: [HOST_ARG, { name: 'NAME' }],
      flags: [
        { name: 'type', value: 'TYPE', choices: POOL_TYPES, required: true, help: 'pool type' },
        { name: 'target', value: 'PATH', help: 'directory (dir, fs, netfs) or device directory' },
        { name: 'source-dev', value: 'DEV', repeat: true, complete: 'file', help: 'source device (fs: one; logical: each PV)' },
        { name: 'source-host', value: 'HOST', repeat: true, help: 'source server (rbd: each monitor)' },
        { name: 'source-port', value: 'N', help: 'port of the source server' },
        { name: 'source-path', value: 'PATH', help: 'export path (netfs) or IQN (iscsi)' },
        { name: 'source-name', value: 'NAME', help: 'volume group (logical) or Ceph pool (rbd)' },
        { name: 'source-format', value: 'FMT', help: 'file system (fs, netfs) or LVM format' },
        { name: 'auth-user', value: 'USER', help: 'user of a CHAP / Ceph secret' },
        { name: 'secret-uuid', value: 'UUID', help: 'libvirt secret holding the password or key' },
        { name: 'build', help: 'build it (mkdir, mkfs, vgcreate) before starting' },
        { name: 'start', help: 'start it' },
        AUTOSTART_FLAG,
      ],
      load: from(code, 'define'),
    },
    { name: 'build', summary: 'build a pool (create its directory, file system or volume group)', args: [POOL_ARG], load: from(code, 'action') },
    { name: 'start', summary: 'start a pool', args: [POOL_ARG], load: from(code, 'action') },
    { name: 'stop', summary: 'stop a pool (its volumes stay)', args: [POOL_ARG], load: from(code, 'action') },
    { name: 'refresh', summary: 'rescan the volumes of a pool', args: [POOL_ARG], load: from(code, 'action') },
    autostartCommand('pool', POOL_ARG, from(code, 'autostart')),
    {
      name: 'delete',
      aliases: ['rm'],
      summary: 'stop and undefine a pool; with --delete-data also destroy its volumes',
      args: [POOL_ARG],
      flags: [
        { name: 'delete-data', help: 'destroy the volumes and the storage too (says what first, unless --yes)' },
        { name: 'yes', help: 'do it without showing the plan first' },
      ],
      load: from(code, 'remove'),
    },
  ],
};
