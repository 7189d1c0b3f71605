// virtdeck image add|list|known|copy|rm, flavor list|add|rm
import { HOST_ARG, HOST_FILTER, JSON_FLAG, from } from './common.js';
import type { GroupDef } from './types.js';

const images = () => import('../commands/image.js');
const flavors = () => import('../commands/flavor.js');

export const imageGroup: GroupDef = {
  name: 'image',
  summary: 'cloud images registered on a host, for launches',
  commands: [
    {
      name: 'add',
      summary: 'register an image: upload a FILE, have the host download a URL, or adopt POOL/VOL as it is',
      args: [HOST_ARG, { name: 'FILE|URL|POOL/VOL', complete: 'file' }],
      flags: [
        { name: 'name', value: 'NAME', help: 'image name (default: from the file or URL)' },
        { name: 'sha256', value: 'HEX', help: 'expected SHA-256 (a mismatch keeps nothing)' },
        { name: 'pool', value: 'POOL', help: 'pool to store it in (default: default)' },
        { name: 'user', value: 'DEFAULT_USER', help: 'login user of the image (e.g. debian)' },
        JSON_FLAG,
      ],
      load: from(images, 'add'),
    },
    { name: 'list', aliases: ['ls'], summary: 'registered images with format and sizes', flags: [HOST_FILTER, JSON_FLAG], load: from(images, 'list') },
    { name: 'known', summary: 'common cloud images and their default users', flags: [JSON_FLAG], load: from(images, 'known') },
    {
      name: 'copy',
      summary: "copy an image to another host (same pool and name; SHA-256 checked) and register it there",
      args: [{ name: 'HOST/NAME' }, { ...HOST_ARG, name: 'DEST' }],
      flags: [JSON_FLAG],
      load: from(images, 'copy'),
    },
    {
      name: 'rm',
      aliases: ['delete'],
      summary: 'forget an image',
      args: [{ name: 'HOST/NAME' }],
      flags: [{ name: 'delete-volume', help: 'also delete its volume' }],
      load: from(images, 'remove'),
    },
  ],
};

export const flavorGroup: GroupDef = {
  name: 'flavor',
  summary: 'named sizes (vCPUs, memory, disk) for launches',
  commands: [
    { name: 'list', aliases: ['ls'], summary: 'flavors', flags: [JSON_FLAG], load: from(flavors, 'list') },
    {
      name: 'add',
      aliases: ['set'],
      summary: 'add a flavor, or change one',
      args: [{ name: 'NAME' }],
      flags: [
        { name: 'cpus', value: 'N', required: true, help: 'vCPUs' },
        { name: 'memory', value: 'SIZE', required: true, help: 'memory, e.g. 2G' },
        { name: 'disk', value: 'SIZE', required: true, help: 'disk, e.g. 20G' },
      ],
      load: from(flavors, 'add'),
    },
    { name: 'rm', aliases: ['delete'], summary: 'remove a flavor', args: [{ name: 'NAME' }], load: from(flavors, 'remove') },
  ],
};
