// virtdeck export and import: the spreadsheet of every VM, out and back in.
import { JSON_FLAG, from } from './common.js';
import type { CommandDef } from './types.js';

const code = () => import('../commands/sheet.js');

export const exportCommand: CommandDef = {
  name: 'export',
  summary: 'every VM of every host as a CSV or XLSX spreadsheet',
  flags: [
    { name: 'csv', help: 'CSV (RFC 4180, UTF-8); printed to stdout without --out' },
    { name: 'xlsx', help: 'Excel workbook (needs --out)' },
    { name: 'out', value: 'FILE', complete: 'file', help: 'write the sheet to FILE' },
    { name: 'bom', help: 'CSV: start with a UTF-8 byte order mark (for older Excel)' },
  ],
  details:
    'Columns: host, name, uuid, state, vcpus, memory (MiB), disks (pool/volume (size); …), networks, macs, ips, tags,\n' +
    'owner, notes, every custom column (virtdeck vm column list), last seen. Hosts are connected first; an offline\n' +
    "host's VMs are exported as last seen. A CSV cell starting with = + - @ gets a leading ' so spreadsheets show it\n" +
    'as text instead of running it (import takes it off again).',
  load: from(code, 'exportSheet'),
};

export const importCommand: CommandDef = {
  name: 'import',
  summary: 'owners, tags, notes, custom columns and IP reservations from a CSV or XLSX sheet (preview first)',
  args: [{ name: 'FILE', complete: 'file' }],
  flags: [{ name: 'apply', help: 'make the changes (refused, nothing changed, while the sheet has a conflict)' }, JSON_FLAG],
  details:
    'Rows find their VM by uuid, else by host and name. Headers read (any case): host, name (or vm), uuid, owner,\n' +
    'tags, notes (or purpose), ips (or ip, ip address), and custom columns by name; the other exported columns are\n' +
    'skipped, unknown ones listed. An empty cell clears its fact; tags replace the VM\'s tags. Each address in ips is\n' +
    "reserved in the IPAM of the VM's network that holds it (virtdeck net ipam set).\n" +
    'Without --apply nothing changes: the preview lists, per VM, each fact old → new and the addresses to reserve,\n' +
    'then the conflicts (unknown host or VM, an invalid IP, an address another VM holds, a refused value); exit 1\n' +
    'when there is any.\n' +
    'With --apply, VM after VM: a VM whose host fails midway is marked FAILED with the reason and the others go on;\n' +
    'exit 1 when any failed. Importing the same sheet again then applies only what is left.',
  load: from(code, 'importSheet'),
};
