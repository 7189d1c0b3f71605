// newVm.* calls: host caps, OS presets, validate and create (New VM).
import type { HandlersOf } from '../calls.js';
import { NewVmService } from './new-vm-service.js';

export function newVmHandlers(svc: NewVmService): HandlersOf<'newVm'> {
  return {
    'newVm.caps': ({ host }) => svc.caps(host),
    'newVm.osList': ({ host }) => svc.osList(host),
    'newVm.validate': ({ spec }) => svc.validate(spec),
    'newVm.create': {
      task: ({ spec }) => ({ op: 'vm.create', args: { vm: spec.name, host: spec.host }, host: spec.host, steps: NewVmService.steps(spec) }),
      run: ({ spec }, ctx) => svc.create(spec, ctx),
    },
  };
}
