// Small list wordings: an image's source by its file name, the VM's stored events newest first.
import { describe, expect, it } from 'vitest';
import { imageSource } from '../../../renderer/features/instances/image-source.js';
import { newestFirst } from '../../../renderer/features/vms/VmEvents.js';

describe('imageSource', () => {
  it('names an upload by its file name, not the staging path it went through', () => {
    expect(imageSource('upload /tmp/virtdeck-staging/4242/9f0c/debian-12-genericcloud-amd64.qcow2')).toEqual({ kind: 'upload', detail: 'debian-12-genericcloud-amd64.qcow2' });
    expect(imageSource('upload C:\\Users\\me\\cirros.img')).toEqual({ kind: 'upload', detail: 'cirros.img' });
  });

  it('keeps URLs and volumes whole, and anything else as it is', () => {
    expect(imageSource('url https://example.org/a/b.qcow2')).toEqual({ kind: 'url', detail: 'https://example.org/a/b.qcow2' });
    expect(imageSource('volume default/base.qcow2')).toEqual({ kind: 'volume', detail: 'default/base.qcow2' });
    expect(imageSource('imported')).toEqual({ kind: 'other', detail: 'imported' });
  });
});

describe('newestFirst', () => {
  it('puts the latest stored event on top without changing the list it was given', () => {
    const events = [{ id: 1 }, { id: 5 }, { id: 3 }];
    expect(newestFirst(events).map((e) => e.id)).toEqual([5, 3, 1]);
    expect(events.map((e) => e.id)).toEqual([1, 5, 3]);
  });
});
