// Well-known cloud images and their default users: data for the image library's "add from the list".
import type { KnownImage } from '../../../shared/model/instance.js';

// Each distribution publishes its checksums file in the directory of the image, so a row names that
// directory once: id, distro, release, default user, directory, image file, checksums file.
const ROWS: ReadonlyArray<readonly [string, string, string, string, string, string, string]> = [
  ['debian-12', 'Debian', '12 (bookworm)', 'debian',
    'https://cloud.debian.org/images/cloud/bookworm/latest/', 'debian-12-generic-amd64.qcow2', 'SHA512SUMS'],
  ['debian-13', 'Debian', '13 (trixie)', 'debian',
    'https://cloud.debian.org/images/cloud/trixie/latest/', 'debian-13-generic-amd64.qcow2', 'SHA512SUMS'],
  ['ubuntu-24.04', 'Ubuntu', '24.04 LTS (noble)', 'ubuntu',
    'https://cloud-images.ubuntu.com/noble/current/', 'noble-server-cloudimg-amd64.img', 'SHA256SUMS'],
  ['ubuntu-22.04', 'Ubuntu', '22.04 LTS (jammy)', 'ubuntu',
    'https://cloud-images.ubuntu.com/jammy/current/', 'jammy-server-cloudimg-amd64.img', 'SHA256SUMS'],
  ['fedora-42', 'Fedora', '42 Cloud Base', 'fedora',
    'https://download.fedoraproject.org/pub/fedora/linux/releases/42/Cloud/x86_64/images/',
    'Fedora-Cloud-Base-Generic-42-1.1.x86_64.qcow2', 'Fedora-Cloud-42-1.1-x86_64-CHECKSUM'],
  ['centos-stream-9', 'CentOS Stream', '9', 'cloud-user',
    'https://cloud.centos.org/centos/9-stream/x86_64/images/', 'CentOS-Stream-GenericCloud-9-latest.x86_64.qcow2', 'CHECKSUM'],
  ['rocky-9', 'Rocky Linux', '9', 'rocky',
    'https://dl.rockylinux.org/pub/rocky/9/images/x86_64/', 'Rocky-9-GenericCloud-Base.latest.x86_64.qcow2', 'CHECKSUM'],
  ['almalinux-9', 'AlmaLinux', '9', 'almalinux',
    'https://repo.almalinux.org/almalinux/9/cloud/x86_64/images/', 'AlmaLinux-9-GenericCloud-latest.x86_64.qcow2', 'CHECKSUM'],
  ['cirros-0.6', 'CirrOS', '0.6.3', 'cirros',
    'https://download.cirros-cloud.net/0.6.3/', 'cirros-0.6.3-x86_64-disk.img', 'MD5SUMS'],
];

/** All of them are qcow2 (the Ubuntu and CirrOS .img files too). */
export const KNOWN_IMAGES: readonly KnownImage[] = ROWS.map(([id, distro, release, defaultUser, dir, file, sums]) => ({
  id, distro, release, defaultUser, format: 'qcow2', url: dir + file, checksumsUrl: dir + sums,
}));

/** The known image a URL or file name comes from, if any (matched on the file name). */
export function knownImageFor(urlOrFile: string): KnownImage | undefined {
  const base = urlOrFile.split(/[/\\]/).pop() ?? '';
  return KNOWN_IMAGES.find((k) => k.url.split('/').pop() === base);
}
