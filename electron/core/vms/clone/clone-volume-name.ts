// What a clone's volumes are called: the source's volume name with the source's name replaced by the clone's
// (web1.qcow2 → web2.qcow2), else the clone's name and the disk's target (data.img → web2-vdb.img).

export function cloneVolumeName(volume: string, sourceName: string, name: string, target: string): string {
  if (sourceName !== '' && volume.startsWith(sourceName)) return name + volume.slice(sourceName.length);
  const dot = volume.lastIndexOf('.');
  return `${name}-${target}${dot > 0 ? volume.slice(dot) : ''}`;
}

