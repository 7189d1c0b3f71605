// Well-known cloud images and their default users: data for the image library's "add from the list".
import type { KnownImage } from '../../../shared/model/instance.js';

export const KNOWN_IMAGES: readonly KnownImage[] = [
  {
    id: 'debian-12', distro: 'Debian', release: '12 (bookworm)', defaultUser: 'debian', format: 'qcow2',
    url: 'https://cloud.debian.org/images/cloud/bookworm/latest/debian-12-generic-amd64.qcow2',
    checksumsUrl: 'https://cloud.debian.org/images/cloud/bookworm/latest/SHA512SUMS',
  },
  {
    id: 'debian-13', distro: 'Debian', release: '13 (trixie)', defaultUser: 'debian', format: 'qcow2',
    url: 'https://cloud.debian.org/images/cloud/trixie/latest/debian-13-generic-amd64.qcow2',
    checksumsUrl: 'https://cloud.debian.org/images/cloud/trixie/latest/SHA512SUMS',
  },
  {
    id: 'ubuntu-24.04', distro: 'Ubuntu', release: '24.04 LTS (noble)', defaultUser: 'ubuntu', format: 'qcow2',
    url: 'https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img',
    checksumsUrl: 'https://cloud-images.ubuntu.com/noble/current/SHA256SUMS',
  },
  {
    id: 'ubuntu-22.04', distro: 'Ubuntu', release: '22.04 LTS (jammy)', defaultUser: 'ubuntu', format: 'qcow2',
    url: 'https://cloud-images.ubuntu.com/jammy/current/jammy-server-cloudimg-amd64.img',
    checksumsUrl: 'https://cloud-images.ubuntu.com/jammy/current/SHA256SUMS',
  },
  {
    id: 'fedora-42', distro: 'Fedora', release: '42 Cloud Base', defaultUser: 'fedora', format: 'qcow2',
    url: 'https://download.fedoraproject.org/pub/fedora/linux/releases/42/Cloud/x86_64/images/Fedora-Cloud-Base-Generic-42-1.1.x86_64.qcow2',
    checksumsUrl: 'https://download.fedoraproject.org/pub/fedora/linux/releases/42/Cloud/x86_64/images/Fedora-Cloud-42-1.1-x86_64-CHECKSUM',
  },
  {
    id: 'centos-stream-9', distro: 'CentOS Stream', release: '9', defaultUser: 'cloud-user', format: 'qcow2',
    url: 'https://cloud.centos.org/centos/9-stream/x86_64/images/CentOS-Stream-GenericCloud-9-latest.x86_64.qcow2',
    checksumsUrl: 'https://cloud.centos.org/centos/9-stream/x86_64/images/CHECKSUM',
  },
  {
    id: 'rocky-9', distro: 'Rocky Linux', release: '9', defaultUser: 'rocky', format: 'qcow2',
    url: 'https://dl.rockylinux.org/pub/rocky/9/images/x86_64/Rocky-9-GenericCloud-Base.latest.x86_64.qcow2',
    checksumsUrl: 'https://dl.rockylinux.org/pub/rocky/9/images/x86_64/CHECKSUM',
  },
  {
    id: 'almalinux-9', distro: 'AlmaLinux', release: '9', defaultUser: 'almalinux', format: 'qcow2',
    url: 'https://repo.almalinux.org/almalinux/9/cloud/x86_64/images/AlmaLinux-9-GenericCloud-latest.x86_64.qcow2',
    checksumsUrl: 'https://repo.almalinux.org/almalinux/9/cloud/x86_64/images/CHECKSUM',
  },
  {
    id: 'cirros-0.6', distro: 'CirrOS', release: '0.6.3', defaultUser: 'cirros', format: 'qcow2',
    url: 'https://download.cirros-cloud.net/0.6.3/cirros-0.6.3-x86_64-disk.img',
    checksumsUrl: 'https://download.cirros-cloud.net/0.6.3/MD5SUMS',
  },
];

/** The known image a URL or file name comes from, if any (matched on the file name). */
export function knownImageFor(urlOrFile: string): KnownImage | undefined {
  const base = urlOrFile.split(/[/\\]/).pop() ?? '';
  return KNOWN_IMAGES.find((k) => k.url.split('/').pop() === base);
}
