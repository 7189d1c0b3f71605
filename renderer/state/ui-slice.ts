// View state: selection, filter, sort, grouping, visible columns, saved views, open tabs, language, theme. Language,
// theme, sort, grouping, columns and the saved views persist.
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { VmSort } from '../features/vms/filter-sort.js';
import { clickRow } from '../features/vms/row-selection.js';
import { renamedView, withoutView, withView, type OptionalColumn, type SavedView } from '../features/vms/saved-views.js';

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
export const MONITOR_TAB = 'monitor';
export const AUDIT_TAB = 'audit';

interface UiState {
  selected: Readonly<Record<string, true>>;
  /** The row a shift-click selects from. */
  anchor: string | null;
  query: string;
  /** Sidebar host filter; null = all hosts. */
  hostFilter: string | null;
  sort: VmSort;
  groupByHost: boolean;
  hiddenColumns: readonly OptionalColumn[];
  views: readonly SavedView[];
  /** The saved view last applied or saved (shown as selected in the sidebar). */
  activeView: string | null;
  tabs: readonly Tab[];
  activeTab: string;
  /** Console tabs shown side by side (a grid) instead of one at a time. */
  tileConsoles: boolean;
  taskPanelOpen: boolean;
  /** The add-host wizard is open (from the sidebar or the empty VM list). */
  addingHost: boolean;
  language: Language;
  theme: ThemeChoice;

  setQuery(q: string): void;
  setHostFilter(host: string | null): void;
  sortBy(column: VmSort['column']): void;
  setGroupByHost(on: boolean): void;
  toggleColumn(column: OptionalColumn): void;
  /** Saves filter, host, columns, grouping and sort under `name` (replacing a view of that name). */
  saveView(name: string): void;
  applyView(name: string): void;
  renameView(from: string, to: string): void;
  deleteView(name: string): void;
  toggleSelected(key: string): void;
  /** A click on a row's checkbox among the rows shown: toggles it, or with shift selects the range from the anchor. */
  selectRange(shown: readonly string[], key: string, range: boolean): void;
  setSelection(keys: readonly string[]): void;
  clearSelection(): void;
  openTab(kind: TabKind, vmKey: string, user?: string, ip?: string): void;
  closeTab(id: string): void;
  setTileConsoles(on: boolean): void;
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
      anchor: null,
      query: '',
      hostFilter: null,
      sort: { column: 'name', dir: 'asc' },
      groupByHost: false,
      hiddenColumns: [],
      views: [],
      activeView: null,
      tabs: [],
      activeTab: LIST_TAB,
      tileConsoles: false,
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
      toggleColumn(column) {
        const hidden = get().hiddenColumns;
        set({ hiddenColumns: hidden.includes(column) ? hidden.filter((c) => c !== column) : [...hidden, column] });
      },
      saveView(name) {
        const { query, hostFilter, hiddenColumns, groupByHost, sort, views } = get();
        set({ views: withView(views, { name, query, hostFilter, hiddenColumns: [...hiddenColumns], groupByHost, sort }), activeView: name });
      },
      applyView(name) {
        const view = get().views.find((v) => v.name === name);
        if (!view) return;
        const { query, hostFilter, hiddenColumns, groupByHost, sort } = view;
        set({ query, hostFilter, hiddenColumns, groupByHost, sort, activeView: name, activeTab: LIST_TAB, selected: {} });
      },
      renameView(from, to) {
        const views = renamedView(get().views, from, to);
        const renamed = views.some((v) => v.name === to.trim()) && !views.some((v) => v.name === from);
        set({ views, activeView: renamed && get().activeView === from ? to.trim() : get().activeView });
      },
      deleteView(name) {
        set({ views: withoutView(get().views, name), activeView: get().activeView === name ? null : get().activeView });
      },
      toggleSelected(key) {
        const next = { ...get().selected };
        if (next[key]) delete next[key];
        else next[key] = true;
        set({ selected: next });
      },
      selectRange(shown, key, range) {
        set(clickRow(shown, { selected: get().selected, anchor: get().anchor }, key, range));
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
      setTileConsoles: (tileConsoles) => set({ tileConsoles }),
      setTaskPanelOpen: (taskPanelOpen) => set({ taskPanelOpen }),
      setAddingHost: (addingHost) => set({ addingHost }),
      setLanguage: (language) => set({ language }),
      setTheme: (theme) => set({ theme }),
    }),
    {
      name: 'virtdeck.ui',
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({
        language: s.language,
        theme: s.theme,
        groupByHost: s.groupByHost,
        sort: s.sort,
        hiddenColumns: s.hiddenColumns,
        views: s.views,
        activeView: s.activeView,
        tileConsoles: s.tileConsoles,
      }),
    },
  ),
);
