// View state: selection, filter, sort, grouping, open tabs, language, theme. Language and theme persist.
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { VmSort } from '../features/vms/filter-sort.js';

export type Language = 'en' | 'zh-CN';
export type ThemeChoice = 'auto' | 'light' | 'dark';
export type TabKind = 'vm' | 'serial' | 'vnc' | 'ssh';

export interface Tab {
  /** `${kind}:${vmKey}` — one tab per VM and kind. */
  id: string;
  kind: TabKind;
  vmKey: string;
  /** Guest SSH login and the address it goes to. */
  user?: string;
  ip?: string;
}

/** The VM list is always the first tab. */
export const LIST_TAB = 'list';
/** Fixed resource screens after it. */
export const INSTANCES_TAB = 'instances';
export const STORAGE_TAB = 'storage';
export const NETWORKS_TAB = 'networks';

interface UiState {
  selected: Readonly<Record<string, true>>;
  query: string;
  /** Sidebar host filter; null = all hosts. */
  hostFilter: string | null;
  sort: VmSort;
  groupByHost: boolean;
  tabs: readonly Tab[];
  activeTab: string;
  taskPanelOpen: boolean;
  /** The add-host wizard is open (from the sidebar or the empty VM list). */
  addingHost: boolean;
  language: Language;
  theme: ThemeChoice;

  setQuery(q: string): void;
  setHostFilter(host: string | null): void;
  sortBy(column: VmSort['column']): void;
  setGroupByHost(on: boolean): void;
  toggleSelected(key: string): void;
  setSelection(keys: readonly string[]): void;
  clearSelection(): void;
  openTab(kind: TabKind, vmKey: string, user?: string, ip?: string): void;
  closeTab(id: string): void;
  /** Closes every VM and console tab but `id` (all of them when `id` is a main tab), which becomes active. */
  closeOthers(id: string): void;
  activate(id: string): void;
  setTaskPanelOpen(open: boolean): void;
  setAddingHost(open: boolean): void;
  setLanguage(l: Language): void;
  setTheme(t: ThemeChoice): void;
}

export function defaultLanguage(): Language {
  return typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export const useUi = create<UiState>()(
  persist(
    (set, get) => ({
      selected: {},
      query: '',
      hostFilter: null,
      sort: { column: 'name', dir: 'asc' },
      groupByHost: false,
      tabs: [],
      activeTab: LIST_TAB,
      taskPanelOpen: false,
      addingHost: false,
      language: defaultLanguage(),
      theme: 'auto',

      setQuery: (query) => set({ query }),
      setHostFilter: (hostFilter) => set({ hostFilter, activeTab: LIST_TAB }),
      sortBy(column) {
        const { sort } = get();
        set({ sort: { column, dir: sort.column === column && sort.dir === 'asc' ? 'desc' : 'asc' } });
      },
      setGroupByHost: (groupByHost) => set({ groupByHost }),
      toggleSelected(key) {
        const next = { ...get().selected };
        if (next[key]) delete next[key];
        else next[key] = true;
        set({ selected: next });
      },
      setSelection: (keys) => set({ selected: Object.fromEntries(keys.map((k) => [k, true as const])) }),
      clearSelection: () => set({ selected: {} }),
      openTab(kind, vmKey, user, ip) {
        const id = `${kind}:${vmKey}`;
        const tabs = get().tabs.some((t) => t.id === id) ? get().tabs : [...get().tabs, { id, kind, vmKey, user, ...(ip ? { ip } : {}) }];
        set({ tabs, activeTab: id });
      },
      closeTab(id) {
        const tabs = get().tabs.filter((t) => t.id !== id);
        const activeTab = get().activeTab === id ? (tabs.at(-1)?.id ?? LIST_TAB) : get().activeTab;
        set({ tabs, activeTab });
      },
      closeOthers(id) {
        set({ tabs: get().tabs.filter((t) => t.id === id), activeTab: id });
      },
      activate: (activeTab) => set({ activeTab }),
      setTaskPanelOpen: (taskPanelOpen) => set({ taskPanelOpen }),
      setAddingHost: (addingHost) => set({ addingHost }),
      setLanguage: (language) => set({ language }),
      setTheme: (theme) => set({ theme }),
    }),
    {
      name: 'virtdeck.ui',
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ language: s.language, theme: s.theme, groupByHost: s.groupByHost, sort: s.sort }),
    },
  ),
);
