// Namespaces and child order of <domain> documents (the order libvirt itself writes them in).
import type { XmlSchema } from './xml-doc.js';

/** VirtDeck's own metadata: <metadata><virtdeck:instance xmlns:virtdeck=…>…</virtdeck:instance></metadata>. */
export const VIRTDECK_NS = 'https://virtdeck.dev/xmlns/1';
export const QEMU_NS = 'http://libvirt.org/schemas/domain/qemu/1.0';

export const DOMAIN_SCHEMA: XmlSchema = {
  root: 'domain',
  namespaces: { virtdeck: VIRTDECK_NS, qemu: QEMU_NS },
  order: {
    domain: [
      'name', 'uuid', 'genid', 'title', 'description', 'metadata', 'maxMemory', 'memory', 'currentMemory',
      'blkiotune', 'memtune', 'memoryBacking', 'vcpu', 'vcpus', 'iothreads', 'iothreadids', 'cputune', 'numatune',
      'resource', 'sysinfo', 'bootloader', 'bootloader_args', 'os', 'idmap', 'features', 'cpu', 'clock',
      'on_poweroff', 'on_reboot', 'on_crash', 'on_lockfailure', 'pm', 'perf', 'devices', 'seclabel', 'keywrap',
      'launchSecurity',
    ],
    os: [
      'type', 'firmware', 'loader', 'nvram', 'init', 'initarg', 'initenv', 'initdir', 'inituser', 'initgroup',
      'kernel', 'initrd', 'cmdline', 'dtb', 'acpi', 'boot', 'bootmenu', 'smbios', 'bios',
    ],
    devices: [
      'emulator', 'disk', 'controller', 'lease', 'filesystem', 'interface', 'smartcard', 'serial', 'parallel',
      'console', 'channel', 'input', 'tpm', 'graphics', 'sound', 'audio', 'video', 'hostdev', 'redirdev',
      'redirfilter', 'hub', 'watchdog', 'memballoon', 'rng', 'panic', 'shmem', 'memory', 'iommu', 'vsock', 'crypto',
    ],
    disk: [
      'driver', 'auth', 'source', 'backingStore', 'backenddomain', 'geometry', 'blockio', 'target', 'iotune',
      'readonly', 'shareable', 'transient', 'serial', 'wwn', 'vendor', 'product', 'encryption', 'boot', 'alias',
      'address',
    ],
    interface: [
      'mac', 'source', 'vlan', 'virtualport', 'ip', 'route', 'script', 'downscript', 'backenddomain', 'target',
      'guest', 'model', 'driver', 'backend', 'filterref', 'tune', 'teaming', 'link', 'mtu', 'bandwidth', 'coalesce',
      'boot', 'alias', 'address',
    ],
    graphics: ['listen', 'channel', 'image', 'streaming', 'clipboard', 'mouse', 'filetransfer', 'gl', 'audio'],
    serial: ['source', 'protocol', 'log', 'target', 'alias', 'address'],
    console: ['source', 'protocol', 'log', 'target', 'alias', 'address'],
    channel: ['source', 'protocol', 'log', 'target', 'alias', 'address'],
    controller: ['model', 'driver', 'target', 'alias', 'address'],
    cpu: ['model', 'vendor', 'topology', 'cache', 'maxphysaddr', 'feature', 'numa'],
  },
};
