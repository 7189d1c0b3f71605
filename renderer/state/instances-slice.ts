// Cloud-init instances: the image library per host, flavors, IPAM per network, and the launch calls (validate,
// preview, launch). Lists load on demand and reload after changes made from here.
import { create } from 'zustand';
import type { CallInput } from '../../shared/ipc/contract.js';
import type { Flavor, ImageInfo, IpamSettings, IpamView, KnownImage, LaunchPreview, LaunchResult, LaunchSpec, LaunchValidation } from '../../shared/model/instance.js';
import type { VmRef } from '../../shared/model/vm.js';
import type { ErrorReport } from '../../shared/model/errors.js';
import { backend, type LocalFile } from './backend.js';
import { runTask, startTask } from './tasks-slice.js';

type ImageAdd = Omit<CallInput<'images.add'>, 'source'>;

interface InstancesState {
  images: Readonly<Record<string, readonly ImageInfo[]>>;
  known: readonly KnownImage[];
  flavors: readonly Flavor[];
  /** IPAM views keyed host/network; null = no IPAM configured there. */
  ipam: Readonly<Record<string, IpamView | null>>;
  /** Staging progress (0..1) of a browser image upload, keyed by host. */
  staging: Readonly<Record<string, number>>;

  loadImages(host: string): Promise<void>;
  loadKnown(): Promise<void>;
  loadFlavors(): Promise<void>;
  putFlavor(f: Flavor): Promise<void>;
  /** Upload from this computer (staged first in a browser), then registered on the host. */
  uploadImage(input: ImageAdd, file: LocalFile): Promise<ImageInfo>;
  addImage(input: CallInput<'images.add'>): Promise<ImageInfo>;
  /** A template image of a running instance (the guest is cleaned and shut down). */
  makeTemplate(ref: VmRef, name: string): Promise<ImageInfo>;
  loadIpam(host: string, network: string): Promise<void>;
  /** Every problem saving these settings would meet, each naming its field. */
  checkIpam(host: string, network: string, settings: IpamSettings): Promise<ErrorReport[]>;
  setIpam(host: string, network: string, settings: IpamSettings): Promise<void>;
  /** The address IPAM reserved for a VM at launch, or null. */
  vmAddress(ref: VmRef): Promise<string | null>;
  validate(spec: LaunchSpec): Promise<LaunchValidation>;
  preview(spec: LaunchSpec): Promise<LaunchPreview>;
  /** Starts the launch task: its id at once (the wizard follows that task), its result when it ends. */
  launch(spec: LaunchSpec): Promise<{ id: string; result: Promise<LaunchResult> }>;
}

export const ipamKey = (host: string, network: string): string => `${host}/${network}`;

export const useInstances = create<InstancesState>()((set, get) => {
  const api = () => backend().api;
  const setStaging = (host: string, fraction: number | null) => {
    const staging = { ...get().staging };
    if (fraction === null) delete staging[host];
    else staging[host] = fraction;
    set({ staging });
  };
  return {
    images: {},
    known: [],
    flavors: [],
    ipam: {},
    staging: {},

    async loadImages(host) {
      const list = await api()['images.list']({ host });
      set({ images: { ...get().images, [host]: list } });
    },
    async loadKnown() {
      set({ known: await api()['images.known']({}) });
    },
    async loadFlavors() {
      set({ flavors: await api()['flavors.list']({}) });
    },
    async putFlavor(f) {
      await api()['flavors.add'](f);
      await get().loadFlavors();
    },
    async uploadImage(input, file) {
      setStaging(input.host, 0);
      let staged;
      try {
        staged = await backend().files.stage(file, (f) => setStaging(input.host, f));
      } finally {
        setStaging(input.host, null);
      }
      try {
        return await get().addImage({ ...input, source: { kind: 'file', path: staged.path } });
      } finally {
        await staged.release().catch(() => undefined);
      }
    },
    async addImage(input) {
      const image = await runTask('images.add', input);
      await get().loadImages(input.host);
      return image;
    },
    async makeTemplate(ref, name) {
      const image = await runTask('images.template', { ref, name });
      await get().loadImages(ref.host);
      return image;
    },
    async loadIpam(host, network) {
      const config = await api()['ipam.get']({ host, network });
      const view = config ? await api()['ipam.describe']({ host, network }) : null;
      set({ ipam: { ...get().ipam, [ipamKey(host, network)]: view } });
    },
    checkIpam: (host, network, settings) => api()['ipam.check']({ host, network, settings }),
    async setIpam(host, network, settings) {
      await api()['ipam.set']({ host, network, settings });
      await get().loadIpam(host, network);
    },
    vmAddress: (ref) => api()['ipam.vmAddress']({ ref }),
    validate: (spec) => api()['instances.validate']({ spec }),
    preview: (spec) => api()['instances.preview']({ spec }),
    launch: (spec) => startTask('instances.launch', { spec }),
  };
});

