// The spreadsheet: export every VM to a file the user saves, and an imported sheet's preview then apply. The picked
// file is staged where the core can read it (browser: through the bridge) for preview and apply, released on close.
import { create } from 'zustand';
import type { SheetFormat, SheetPlan } from '../../shared/model/sheet.js';
import { backend, type LocalFile, type StagedFile } from './backend.js';

interface SheetState {
  /** The preview of the staged sheet (null: none picked yet, or closed). */
  plan: SheetPlan | null;
  busy: boolean;
  /** Writes the sheet where the user saves it; null when the save was cancelled. */
  exportSheet(format: SheetFormat): Promise<{ vms: number; bytes: number } | null>;
  preview(file: LocalFile): Promise<void>;
  /** Applies the staged sheet (the core checks it again and refuses it on any conflict); the plan then says per VM
   *  whether it was applied or failed. */
  apply(): Promise<SheetPlan>;
  /** Previews the staged sheet again (after a partly failed apply: what is left). */
  recheck(): Promise<void>;
  close(): Promise<void>;
}

let staged: StagedFile | null = null;

async function release(): Promise<void> {
  const s = staged;
  staged = null;
  await s?.release().catch(() => undefined);
}

export const useSheet = create<SheetState>()((set) => {
  const api = () => backend().api;
  const busy = async <T>(run: () => Promise<T>): Promise<T> => {
    set({ busy: true });
    try {
      return await run();
    } finally {
      set({ busy: false });
    }
  };
  return {
    plan: null,
    busy: false,
    async exportSheet(format) {
      const target = await backend().files.saveTarget(`virtdeck-vms-${new Date().toISOString().slice(0, 10)}.${format}`);
      if (!target) return null;
      const r = await api()['sheet.export']({ format, file: target.path });
      await target.deliver();
      return r;
    },
    async preview(file) {
      await release();
      set({ plan: null });
      await busy(async () => {
        staged = await backend().files.stage(file);
        set({ plan: await api()['sheet.preview']({ file: staged.path }) });
      });
    },
    async recheck() {
      if (!staged) throw new Error('no sheet staged');
      const file = staged.path;
      await busy(async () => set({ plan: await api()['sheet.preview']({ file }) }));
    },
    async apply() {
      if (!staged) throw new Error('no sheet staged');
      const file = staged.path;
      const plan = await busy(() => api()['sheet.apply']({ file }));
      set({ plan });
      return plan;
    },
    async close() {
      await release();
      set({ plan: null });
    },
  };
});
