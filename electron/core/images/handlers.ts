// images.* calls.
import type { HandlersOf } from '../calls.js';
import type { TaskOptions } from '../tasks/task-service.js';
import type { ImageService } from './image-service.js';
import { parseImageUrl } from './image-url.js';
import { TEMPLATE_STEPS, type TemplateMaker } from './template.js';

export function imageHandlers(images: ImageService, templates: TemplateMaker): HandlersOf<'images'> {
  return {
    'images.list': async ({ host }) => images.list(host),
    'images.known': async () => [...images.known()],
    'images.add': {
      task: ({ host, source }): TaskOptions => {
        switch (source.kind) {
          case 'file':
            return { op: 'image.upload', args: { file: source.path }, host };
          case 'url':
            return { op: 'image.download', args: { url: parseImageUrl(source.url).shown }, host }; // never its credentials
          case 'volume':
            return { op: 'image.adopt', args: { pool: source.pool, volume: source.volume }, host };
        }
      },
      run: async ({ host, source, ...opts }) => {
        if (source.kind === 'volume') return images.adopt(host, source.pool, source.volume, opts);
        const r = source.kind === 'url' ? await images.addUrl(host, source.url, opts) : await images.addFile(host, source.path, opts);
        return r.image;
      },
    },
    'images.template': {
      task: ({ ref, name }): TaskOptions => ({ op: 'image.template', args: { name, vm: templates.nameOf(ref), host: ref.host }, host: ref.host, steps: TEMPLATE_STEPS }),
      run: ({ ref, name }, ctx) => templates.make(ref, name, ctx),
    },
    'images.remove': async ({ host, name, deleteVolume }) => {
      await images.remove(host, name, deleteVolume);
      return null;
    },
  };
}
