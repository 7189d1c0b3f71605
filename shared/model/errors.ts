// The closed list of errors the core reports, each code with the kinds of its params. Words live in the front
// ends (the renderer's i18n, the CLI's table): the core sends {code, params} and never a sentence.
//
// Param kinds: 'text' is shown as given (names, paths, addresses, a lower layer's own message such as libvirt's);
// 'int' a plain number; 'bytes' a byte count the front end formats as a size; 'time' an ISO-8601 time the front end
// formats; 'list' a list of texts the front end joins; 'error' a nested error report (the cause), worded the same way;
// 'reports' a list of nested reports, each worded, then joined; 'netMode' a network mode (nat, route, …) the front end
// words with its own name for it.

export type ErrorParamKind = 'text' | 'int' | 'bytes' | 'time' | 'list' | 'error' | 'reports' | 'netMode';

type Spec = Readonly<Record<string, Readonly<Record<string, ErrorParamKind>>>>;

// Shorthands for the table below.
const t = 'text';
const i = 'int';
const b = 'bytes';
const time = 'time';
const l = 'list';
const e = 'error';
const rs = 'reports';
const netMode = 'netMode';
/** Failure of a command run on a host: the host and the command's last lines of output. */
const hostCommand = { host: t, output: t } as const;
/** Failure of a libvirt call: libvirt's own message. */
const onHost = { host: t, message: t } as const;

export const ERRORS = {
  // --- front-end plumbing ---
  internal: { message: t },
  'call.unknown': { call: t },
  /** issues: one report per field at fault (its `field` the input path), with a field.* code. */
  'call.bad-input': { call: t, fields: l, detail: t, issues: rs },
  'call.forbidden': {},
  disconnected: {},
  cancelled: {},
  'transfer.failed': { file: t, reason: t },

  // --- lower layers (mapped in electron/core/errors.ts) ---
  'libvirt.error': { message: t, virCode: i },
  'libvirt.closed': { message: t },
  'libvirt.protocol': { message: t },
  'xml.parse': { reason: t, line: i, column: i },
  'xml.invalid': { message: t },
  /** libvirt refused an edited definition (nothing changed); line: the line of the submitted XML it names, 0 if none. */
  'xml.define-refused': { host: t, kind: t, name: t, message: t, line: i },
  /** The XML's root element is not the kind being defined (a <network> given as a domain). */
  'xml.wrong-kind': { kind: t, root: t },
  /** The definition changed on the host after the edit started from it (another editor, virsh): nothing defined. */
  'xml.changed-meanwhile': { host: t, kind: t, name: t },
  /** An edited definition names another object (its UUID or name differs from the one opened). */
  'xml.other-object': { kind: t, name: t, uuid: t },
  'ssh.auth': { target: t, tried: l, detail: t },
  'ssh.bad-user': { user: t },
  'ssh.bad-port': {},
  'ssh.key-missing': { path: t },
  'ssh.key-not-private': { path: t },
  'ssh.host-key-changed': { target: t, keyType: t, fingerprint: t, file: t, line: i },
  'ssh.host-key-declined': { target: t, keyType: t, fingerprint: t },
  'ssh.host-key-revoked': { target: t, keyType: t, fingerprint: t, file: t, line: i },
  'ssh.host-key-contradicted': { target: t, keyType: t, fingerprint: t },
  'host.output-limit': { target: t, command: t, limitBytes: b },
  'ssh.unreachable': { target: t, reason: t },
  'ssh.offline': { target: t },
  'ssh.channel': { message: t },
  'ssh.protocol': { message: t },
  'inventory.invalid': { message: t },
  'inventory.too-new': { file: t, version: i, known: i },

  // --- hosts ---
  'host.not-found': { host: t },
  'host.exists': { host: t },
  'host.offline': { host: t, since: time },
  'host.no-ssh-target': { host: t },
  'host.libvirt-unreachable': { host: t, reason: t },
  'host.bad-uri': { uri: t },
  'host.no-host-key': { target: t },

  // --- VMs and consoles ---
  'vm.not-found': { host: t, vm: t },
  'vm.exists': { host: t, vm: t },
  'vm.locked': { host: t, vm: t },
  'vm.facts-offline': { host: t, vm: t },
  'vm.bad-tag': { tag: t },
  'vm.fact-too-long': { fact: t, max: i },
  'vm.bad-fact-value': { column: t, kind: t, value: t },
  'vm.column-not-found': { column: t },
  'vm.column-exists': { column: t },
  'vm.bad-column': { column: t },
  'vm.bad-choices': { column: t },
  'vm.running': { host: t, vm: t },
  'vm.not-running': { host: t, vm: t },
  /** A start asked of a VM that is not shut off (a bulk start leaves it as it is). */
  'vm.not-off': { host: t, vm: t },
  'vm.live-not-running': { host: t, vm: t },
  'vm.no-change': {},
  'vm.max-below-current': { part: t, value: i, max: i },
  'vm.disk-not-found': { host: t, vm: t, target: t },
  'vm.disk-target-taken': { host: t, vm: t, target: t },
  'vm.no-cdrom': { host: t, vm: t },
  'vm.no-boot-disk': { host: t, vm: t },
  'vm.nic-not-found': { host: t, vm: t, mac: t },
  'vm.nic-mac-taken': { host: t, vm: t, mac: t },
  'vm.nic-source': {},
  'vm.config-only': { host: t, vm: t, part: t },
  /** The clipboard's agent port (com.redhat.spice.0) is held by another channel, such as SPICE's own agent. */
  'vm.clipboard-port-taken': { host: t, vm: t, type: t },
  'vm.boot-device-not-found': { host: t, vm: t, device: t },
  'vm.disk-still-attached': { host: t, vm: t, target: t },
  'vm.change-failed': { host: t, vm: t, message: t },
  /** A graceful shutdown was asked and the guest was still running `seconds` later (no ACPI, no agent, or busy). */
  'vm.shutdown-ignored': { host: t, vm: t, seconds: i },
  'vm.no-vnc': { host: t, vm: t },
  'vm.vnc-no-port': { host: t, vm: t },
  /** The screen dump libvirt sent is neither PNG nor PPM (or absurdly large). */
  'vm.screenshot-unreadable': { host: t, vm: t },
  'vm.no-ip': { host: t, vm: t },

  // --- console grants ---
  /** The host has no console account yet and the admin did not consent to creating it. */
  'grant.no-account': { host: t, account: t },
  /** The console account exists but belongs to a group that reaches libvirt or root (it must not). */
  'grant.account-privileged': { host: t, account: t, groups: l },
  'grant.host-failed': hostCommand,
  /** authorized_keys kept changing under us (another VirtDeck writing at the same time). */
  'grant.busy': { host: t },
  'grant.until-past': { until: time },
  'grant.not-found': { id: t },
  'grant.file-invalid': { file: t, reason: t },
  'grant.ended': { until: time },
  /** Support mode: the passphrase does not open the grant file's key. */
  'grant.wrong-passphrase': { file: t },
  /** Support mode: no such session (ended, or the core restarted). */
  'grant.no-session': { id: t },
  /** Support mode: the grant does not give this console (vnc or serial). */
  'grant.no-console': { kind: t },
  /** The running VNC display was started without a password, so QEMU cannot give it one now. */
  'grant.vnc-no-password': { host: t, vm: t },

  // --- migration: prechecks refuse before anything changes; a failure names its cause and what was cleaned ---
  'migrate.same-host': { host: t },
  'migrate.no-target': { host: t },
  'migrate.network-missing': { host: t, network: t },
  'migrate.no-pool': { host: t, path: t },
  'migrate.no-space': { host: t, pool: t, needBytes: b, freeBytes: b },
  'migrate.no-memory': { host: t, needBytes: b, freeBytes: b },
  'migrate.name-exists': { host: t, vm: t },
  'migrate.uuid-exists': { host: t, uuid: t, vm: t },
  'migrate.volume-exists': { host: t, path: t },
  'migrate.disk-missing': { host: t, path: t },
  /** The target's hypervisor cannot provide the CPU model the VM runs. */
  'migrate.cpu-incompatible': { host: t, vm: t, model: t },
  /** The VM boots a firmware file (UEFI loader) or firmware kind the target lacks. */
  'migrate.firmware-missing': { host: t, vm: t, firmware: t },
  'migrate.tpm-missing': { host: t, vm: t, backend: t },
  'migrate.bridge-missing': { host: t, vm: t, bridge: t },
  'migrate.check-failed': hostCommand,
  /** The VM's IPAM address cannot stay (the target network is another L2 segment): the caller gives a new one. */
  'migrate.ip-needed': { host: t, network: t, ip: t },
  'migrate.failed': { vm: t, host: t, dest: t, cause: e },
  'migrate.checksum-failed': hostCommand,
  'migrate.checksum-mismatch': { host: t, path: t, expected: t, actual: t },
  'guest.agent-no-answer': { vm: t, command: t },
  'guest.agent-timeout': { vm: t },
  'guest.exec-timeout': { vm: t, command: t },

  // --- task notes: what a running task is doing (TaskInfo.message) ---
  'note.downloaded': { doneBytes: b },
  'note.downloaded-of': { doneBytes: b, totalBytes: b },
  'note.uploaded-of': { doneBytes: b, totalBytes: b },
  'note.migrated-of': { doneBytes: b, totalBytes: b },
  'note.copied-of': { path: t, doneBytes: b, totalBytes: b },
  'note.merging': { disk: t },
  'note.creating-overlays': {},
  'note.defining-recorded': {},
  'note.stopping-vm': {},
  'note.cleaning-up': {},
  'note.starting-vm': {},
  'note.waiting-agent': {},
  'note.waiting-cloud-init': {},

  // --- tasks and their undo ---
  'undo.pending': { host: t, cause: e, leftOver: l, why: e },
  'undo.step-failed': { step: t, cause: e },
  'undo.unknown-step': { step: t },
  'undo.host-offline': { host: t },
  'task.not-found': { id: t },
  'task.not-cancellable': { id: t },

  // --- an input field its schema refuses (call.bad-input's issues) ---
  'field.required': {},
  'field.too-short': { min: i },
  'field.too-long': { max: i },
  'field.too-small': { min: i },
  'field.too-large': { max: i },
  'field.invalid': {},

  // --- names, sizes, addresses ---
  'name.empty': {},
  'name.too-long': { name: t, max: i },
  'name.bad-chars': { name: t },
  'size.bad': { value: t },
  'size.too-large': { value: t },
  'size.zero': { value: t },
  'size.vcpus': { value: i, max: i },
  'size.memory': { valueMiB: i, minMiB: i },
  'size.disk': { minBytes: b },
  'value.not-ipv4': { value: t },
  'value.ipv6': { value: t },
  'value.not-cidr': { value: t },
  'value.not-netmask': { value: t },
  'value.not-mac': { value: t },
  'value.not-hostname': { value: t },
  'value.not-domain': { value: t },
  'ip.prefix-too-large': { value: t, prefix: i },
  'ip.outside': { ip: t, cidr: t },
  'ip.network-address': { ip: t, cidr: t },
  'ip.broadcast-address': { ip: t, cidr: t },
  'iface.bad-name': { name: t },
  'file.not-found': { path: t },
  'file.exists': { path: t },
  'file.not-picked': { file: t },
  'file.download-running': { path: t, part: t },

  // --- flavors ---
  'flavor.not-found': { name: t, known: l },

  // --- networks ---
  'network.not-found': { host: t, network: t },
  'network.exists': { network: t },
  'network.bad-mode': { mode: t, modes: l },
  'network.bridge-needs-name': {},
  'network.bridge-no-addresses': {},
  'network.bridge-no-forward-dev': {},
  'network.forward-dev-mode': { mode: netMode },
  'network.needs-address': { mode: netMode },
  'network.prefix-range': { value: t, prefix: i },
  'network.host-address-reserved': { value: t, example: t },
  'network.overlap': { subnet: t, other: t, otherSubnet: t },
  'network.dhcp-outside': { range: t, subnet: t },
  'network.dhcp-reversed': { range: t },
  'network.dhcp-has-host': { range: t, address: t },
  'network.static-needs-dhcp': {},
  'network.static-outside': { mac: t, ip: t, subnet: t },
  'network.mac-twice': { mac: t },
  'network.ip-twice': { ip: t },
  'network.running': { host: t, network: t },
  'network.not-running': { host: t, network: t },
  'network.failed': { ...onHost, network: t },

  // --- spreadsheet export/import (a conflict's row is in the plan; field names the column) ---
  'sheet.unreadable': { file: t, message: t },
  'sheet.csv-unclosed-quote': { line: i },
  'sheet.csv-text-after-quote': { line: i },
  'sheet.empty': {},
  /** The header has neither host and name nor uuid. */
  'sheet.no-key-columns': {},
  'sheet.unknown-host': { host: t },
  'sheet.unknown-vm': { host: t, vm: t },
  'sheet.duplicate-vm': { host: t, vm: t },
  'sheet.bad-ip': { ip: t },
  /** No network of the VM with IPAM holds the address. */
  'sheet.no-ipam-network': { ip: t, host: t, vm: t },
  'sheet.conflicts': { count: i },
  /** An apply went on past VMs whose host failed: `failed` of the plan's `vms` did not fully land. */
  'sheet.partly-applied': { failed: i, vms: i },

  // --- IPAM ---
  'ipam.not-configured': { host: t, network: t },
  'ipam.no-network': { host: t, network: t },
  'ipam.host-bits': { value: t, network: t },
  'ipam.range-reversed': { start: t, end: t },
  'ipam.outside-network': { host: t, network: t, address: t, cidr: t },
  'ipam.overlaps-dhcp': { host: t, network: t, range: t, dhcpRange: t },
  'ipam.exhausted': { size: i, first: t, last: t },
  'ipam.prefix-mismatch': { value: t, prefix: i, cidr: t },
  'ipam.is-gateway': { ip: t, cidr: t },
  'ipam.is-dns': { ip: t, cidr: t },
  'ipam.is-reserved': { ip: t, cidr: t },
  'ipam.in-use': { ip: t, holders: l },
  'ipam.too-large': { size: i, max: i },
  'ipam.taken': { host: t, network: t, ip: t },
  'ipam.host-offline': { host: t, network: t },
  'ipam.not-reserved': { host: t, network: t, ip: t },
  'ipam.vm-address': { host: t, network: t, ip: t, vm: t },
  'ipam.host-store': { host: t, network: t, output: t },

  // --- images ---
  'image.not-found': { host: t, name: t, registered: l },
  'image.volume-missing': { host: t, name: t, pool: t, volume: t },
  'image.exists': { host: t, name: t },
  'image.volume-registered': { host: t, pool: t, volume: t },
  'image.volume-exists': { host: t, pool: t, volume: t },
  'image.checksum-mismatch': { source: t, expected: t, actual: t },
  'image.bad-sha256': { value: t },
  'image.pool-not-dir': { host: t, pool: t, type: t },
  'image.bad-url': { url: t },
  'image.url-scheme': { url: t },
  'image.download-failed': { host: t, url: t, output: t },
  'image.read-failed': { host: t, name: t, cause: e },
  'image.checksum-failed': hostCommand,
  'image.move-failed': hostCommand,
  'image.stat-failed': hostCommand,
  'image.template-not-instance': { host: t, vm: t },
  'image.template-no-volume': { host: t, vm: t },
  'image.template-clean-failed': { host: t, vm: t, output: t },
  'image.template-readonly-failed': hostCommand,

  // --- snapshots ---
  'snapshot.bad-name': { name: t },
  'snapshot.exists': { host: t, vm: t, name: t },
  'snapshot.not-found': { host: t, vm: t, name: t },
  'snapshot.no-writable-disk': { vm: t },
  'snapshot.disk-not-file': { vm: t, disk: t },
  'snapshot.overlay-exists': { host: t, path: t },
  'snapshot.newer-external': { name: t, disk: t, newer: l },
  'snapshot.stored-in-overlay': { name: t, holder: t, path: t },
  'snapshot.merge-ended': { disk: t },
  'snapshot.merge-failed': { disk: t, cause: e },
  'snapshot.no-domain': { name: t },
  'snapshot.external-memory': { name: t },
  'snapshot.disk-unrecorded': { name: t, disk: t },
  'snapshot.image-missing': { host: t, name: t, disk: t, path: t },
  'snapshot.no-external-disk': { name: t },
  'snapshot.stop-failed': { vm: t, cause: e },
  'snapshot.commit-failed': hostCommand,
  'snapshot.overlay-failed': hostCommand,

  // --- host bridges ---
  'bridge.rollback-range': { value: i, min: i, max: i },
  'bridge.vlan-range': { value: i },
  'bridge.nic-not-found': { host: t, nic: t, nics: l },
  'bridge.nic-kind': { host: t, nic: t, kind: t },
  'bridge.nic-enslaved': { host: t, nic: t, master: t },
  'bridge.name-taken': { host: t, name: t },
  'bridge.ssh-nic': { host: t, nic: t, address: t, seconds: i },
  'bridge.not-found': { host: t, name: t },
  'bridge.has-ports': { host: t, name: t, ports: l },
  'bridge.of-network': { host: t, name: t, network: t },
  'bridge.unsupported-stack': { host: t, stack: t },
  'bridge.apply-failed': { host: t, log: t },
  'bridge.bad-id': { id: t },
  'bridge.txn-not-found': { host: t, id: t },
  'bridge.txn-vanished': { host: t, id: t, path: t },
  'bridge.start-dropped': { host: t },
  'bridge.apply-lost': { host: t, id: t, rollbackAt: time },
  'bridge.eni-defines': { name: t },
  'bridge.eni-no-stanza': { port: t },
  'bridge.eni-no-bridge': { name: t },
  'bridge.eni-ports': { name: t, count: i },
  'bridge.detect-failed': hostCommand,
  'bridge.read-failed': hostCommand,
  'bridge.start-failed': hostCommand,
  'bridge.confirm-failed': hostCommand,
  'bridge.status-failed': hostCommand,

  // --- clone ---
  'clone.bad-name': { name: t },
  'clone.count-needs-pattern': { example: t },
  'clone.linked-other-host': { host: t, dest: t },
  'clone.ip-not-instance': { vm: t },
  'clone.one-address': { ip: t },
  'clone.disk-not-volume': { host: t, vm: t, target: t },
  'clone.no-seed': { host: t, vm: t },
  'clone.linked-running': { host: t, vm: t },
  'clone.cleanup-failed': hostCommand,
  'clone.failed': { host: t, name: t, cause: e, rolledBack: l },
  'clone.failed-pending': { host: t, name: t, cause: e, rolledBack: l, leftOver: l, why: e },

  // --- launch ---
  'launch.failed': { host: t, name: t, cause: e, rolledBack: l },
  'launch.failed-pending': { host: t, name: t, cause: e, rolledBack: l, leftOver: l, why: e },
  'launch.injected': { step: t },
  'launch.cloud-init-failed': { vm: t, exit: i, output: t },
  'launch.no-users': {},
  'launch.no-default-user': { image: t },
  'launch.flavor-and-size': {},
  'launch.no-size': {},
  'launch.no-network': { host: t, network: t },
  'launch.no-placement': {},
  'launch.memory': { host: t, needBytes: b, freeBytes: b },
  'launch.disk': { host: t, pool: t, needBytes: b, freeBytes: b },
  'launch.disk-smaller': { image: t, diskBytes: b, imageBytes: b },
  'launch.no-kvm': { host: t },
  'placement.no-image': { host: t, image: t },

  // --- new VM ---
  'newvm.failed': { host: t, name: t, cause: e, rolledBack: l, leftOver: l },
  'newvm.unknown-os': { os: t, known: l },
  'newvm.no-uefi': { host: t },
  'newvm.no-secure-boot': { host: t },
  'newvm.no-tpm': { host: t },
  'newvm.volume-missing': { host: t, pool: t, volume: t },
  'newvm.path-missing': { host: t, path: t, output: t },
  'newvm.import-format': { format: t, known: l },
  'newvm.pxe-no-network': {},
  'newvm.convert-not-volume': { host: t, path: t },
  'newvm.no-downloader': { host: t },
  'newvm.bad-url': { url: t },
  'newvm.bad-sha256': { value: t },
  'newvm.download-failed': { host: t, url: t, output: t },
  'newvm.checksum-mismatch': { host: t, url: t, expected: t, actual: t },
  'placement.no-network': { host: t, network: t },
  'placement.no-ipam': { host: t, network: t },
  'placement.memory': { host: t, needBytes: b, freeBytes: b },
  'placement.disk': { host: t, pool: t, needBytes: b, freeBytes: b },

  // --- cloud-init seed checks (launch validation; the issue's path says where) ---
  'seed.instance-id': { value: t },
  'seed.hostname': { value: t },
  'seed.hostname-dotted': { value: t },
  'seed.fqdn': { value: t },
  'seed.fqdn-host': { value: t, hostname: t },
  'seed.mac-multicast': { value: t },
  'seed.user-name': { value: t },
  'seed.user-twice': { name: t },
  'seed.password-hash': {},
  'seed.clear-text-password': {},
  'seed.key-lines': {},
  'seed.key-format': {},
  'seed.key-dsa': {},
  'seed.key-type': { type: t },
  'seed.key-base64': { type: t },
  'seed.key-mismatch': { type: t, inner: t },
  'seed.shell': { value: t },
  'seed.sudo-rule': {},
  'seed.group': { value: t },
  'seed.no-login': { name: t },
  'seed.pwauth-unused': {},
  'seed.package': { value: t },
  'seed.empty': {},
  'seed.own-address': { value: t },
  'seed.no-gateway-room': { cidr: t },
  'seed.no-instance-id': {},
  'seed.no-header': { header: t },
  'seed.not-map': { type: t },
  'seed.type': { expected: t },
  'seed.schema': { message: t },
  'seed.unknown-key': {},
  'seed.yaml': { message: t },
  'seed.form-wins': { key: t, theirs: t, ours: t },
  'seed.net-not-map': {},
  'seed.net-version': { value: t },
  'seed.net-unknown-key': {},
  'seed.net-ethernets': {},
  'seed.net-settings': {},
  'seed.net-unknown-setting': {},
  'seed.net-match': {},
  'seed.net-set-name': {},
  'seed.net-bool': {},
  'seed.net-addresses': {},
  'seed.net-gateway-needs-address': {},
  'seed.net-routes': {},
  'seed.net-route-map': {},
  'seed.net-route-default': {},
  'seed.net-route-zero': {},
  'seed.net-nameservers': {},
  'seed.net-ns-addresses': {},
  'seed.net-search': {},
  'seed.net-no-address': {},

  // --- storage: pools ---
  'pool.not-found': { host: t, pool: t },
  'pool.exists': { host: t, pool: t },
  'pool.bad-type': { type: t, types: l },
  'pool.bad-port': { port: i },
  'pool.bad-format': { format: t, formats: l },
  'pool.bad-path': { path: t },
  'pool.bad-vg': { name: t },
  'pool.bad-iqn': { value: t },
  'pool.bad-secret-uuid': { value: t },
  'pool.target-required': {},
  'pool.device-required': {},
  'pool.source-path-required': {},
  'pool.source-host-required': { type: t },
  'pool.source-name-required': {},
  'pool.one-host': { type: t },
  'pool.rbd-auth-pair': {},
  'pool.discover-type': { type: t, types: l },
  'pool.discover-needs-host': { type: t },
  'pool.target-in-use': { host: t, pool: t, path: t },
  'pool.dir-missing': { host: t, path: t },
  'pool.not-dir': { host: t, path: t },
  'pool.device-missing': { host: t, path: t },
  'pool.device-is-file': { host: t, path: t },
  'pool.not-block': { host: t, path: t },
  'pool.needs-devices': {},
  'pool.running': { host: t, pool: t },
  'pool.already-running': { host: t, pool: t },
  'pool.not-running': { host: t, pool: t },
  'pool.data-kept': { type: t },
  'pool.inactive-data': { host: t, pool: t },
  'pool.discover-failed': { ...onHost, type: t },
  'pool.define-failed': { ...onHost, pool: t },
  'pool.not-kept': { ...onHost, pool: t },
  'pool.delete-failed': { ...onHost, pool: t },
  'pool.failed': { ...onHost, pool: t },

  // --- storage: volumes ---
  'volume.not-found': { host: t, pool: t, volume: t },
  'volume.in-use': { uses: rs },
  'volume.used-by': { host: t, volume: t, users: rs },
  'user.vm': { name: t },
  'user.snapshot': { vm: t, name: t },
  'user.volume': { name: t },
  'user.via': { user: e, via: t },
  'volume.path-not-found': { host: t, path: t },
  'volume.exists': { host: t, pool: t, volume: t },
  'volume.size-required': {},
  'volume.clone-smaller': { baseBytes: b },
  'volume.same-size': { pool: t, volume: t, sizeBytes: b },
  'volume.shrink': { newBytes: b, currentBytes: b },
  'volume.file-too-large': { path: t, fileBytes: b, pool: t, volume: t, capacityBytes: b },
  'volume.no-space': { host: t, pool: t, needBytes: b, freeBytes: b },
  'volume.overcommit': { host: t, pool: t, sizeBytes: b, freeBytes: b },
  'volume.bad-format': { format: t, formats: l },
  'volume.bad-preallocation': { value: t, values: l },
  'volume.metadata-needs-qcow2': {},
  'volume.backing-needs-qcow2': {},
  'volume.clone-preallocated': {},
  'volume.create-failed': { ...onHost, pool: t, volume: t },
  'volume.clone-failed': { ...onHost, pool: t, volume: t },
  'volume.resize-failed': { ...onHost, pool: t, volume: t },
  'volume.delete-failed': { ...onHost, pool: t, volume: t },
  'volume.upload-failed': { ...onHost, pool: t, volume: t },
  'volume.download-failed': { ...onHost, pool: t, volume: t },

  // --- alerts ---
  'alert.target-not-found': { id: i },
  'alert.undelivered': { target: t, reason: t },
  'alert.no-threshold': { rule: t },
} as const satisfies Spec;

export type ErrorCode = keyof typeof ERRORS;
export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];

/** A reported error as it crosses the door: a code, its params, and for input checks the field it is about. */
export interface ErrorReport {
  code: ErrorCode;
  params: ErrorParamValues;
  /** The input field the problem is about (e.g. "ip", "users[0].name"), for forms and validation lists. */
  field?: string;
}
export type ErrorParam = string | number | readonly string[] | ErrorReport | readonly ErrorReport[];
export type ErrorParamValues = Readonly<Record<string, ErrorParam>>;

type KindValue<K> = K extends 'text' | 'time' | 'netMode'
  ? string
  : K extends 'int' | 'bytes'
    ? number
    : K extends 'list'
      ? readonly string[]
      : K extends 'reports'
        ? readonly ErrorReport[]
        : ErrorReport;

/** The params a code takes, typed by kind. */
export type ErrorParams<C extends ErrorCode> = { readonly [P in keyof (typeof ERRORS)[C]]: KindValue<(typeof ERRORS)[C][P]> };

/** An ErrorReport built with the exact params of its code. */
export function report<C extends ErrorCode>(code: C, params: ErrorParams<C>, field?: string): ErrorReport {
  return field === undefined ? { code, params } : { code, params, field };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERRORS, value);
}

/** The codes whose params are exactly {host, output}: a failed command on a host. */
export type HostCommandCode = {
  [C in ErrorCode]: (typeof ERRORS)[C] extends typeof hostCommand ? (typeof hostCommand extends (typeof ERRORS)[C] ? C : never) : never;
}[ErrorCode];

/**
 * The params as display texts: lists joined with `join`, byte counts through `size`, nested reports through `nested`
 * (each front end passes its own words for the last).
 */
export function displayParams(
  r: ErrorReport,
  fmt: {
    size(bytes: number): string;
    time(iso: string): string;
    join(items: readonly string[]): string;
    nested(r: ErrorReport): string;
    netMode?(mode: string): string;
  },
): Record<string, string> {
  const kinds: Readonly<Record<string, ErrorParamKind>> = ERRORS[r.code];
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(r.params)) {
    const kind = kinds[name];
    if (typeof value === 'string') out[name] = kind === 'time' ? fmt.time(value) : kind === 'netMode' && fmt.netMode ? fmt.netMode(value) : value;
    else if (typeof value === 'number') out[name] = kind === 'bytes' ? fmt.size(value) : String(value);
    else if (isReport(value)) out[name] = fmt.nested(value);
    else out[name] = fmt.join(value.map((item) => (typeof item === 'string' ? item : fmt.nested(item))));
  }
  return out;
}

function isReport(value: ErrorParam): value is ErrorReport {
  return typeof value === 'object' && 'code' in value;
}
