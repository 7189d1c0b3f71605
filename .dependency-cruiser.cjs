// Import rules of VirtDeck (the one-way doors of ARCHITECTURE.md), deny by default: an import
// is fine only if an `allowed` rule matches it; anything else is reported as not-in-allowed.
// Run: npm run lint:imports.  test/unit/tooling/import-rules.test.ts proves the rules bite.

// Where the rooms are: the repo root, or a fixture tree in the unit test (IMPORT_RULES_ROOT).
const root = (process.env.IMPORT_RULES_ROOT ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A path pattern for a room: `inRoom('(renderer|shared)/')` matches files of those rooms. */
const inRoom = (pattern) => ({ path: `^${root}${pattern}` });

/** npm packages, except 'electron' (only main and preload may import it). */
const npmExceptElectron = { path: '^node_modules/', pathNot: '^node_modules/electron/' };
const nodeBuiltin = { dependencyTypes: ['core'] };

/** One room: files under `from` may import what each `to` describes. */
const room = (from, ...tos) => tos.map((to) => ({ from: inRoom(from), to }));

module.exports = {
  forbidden: [
    {
      name: 'no-unresolvable',
      comment: 'An import that does not resolve is a typo or a missing package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-circular',
      comment: 'Modules that import each other (types too) are one module in two files: split out what both need.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  allowedSeverity: 'error',
  allowed: [
    // shared/: pure TS, no DOM, no Node: itself, the schema library, and SHA-512 for the password hash that the UI
    // and the CLI both make before anything crosses the door (shared/model/sha512-crypt.ts).
    ...room('shared/', inRoom('shared/'), { path: '^node_modules/(zod|@noble/hashes)/' }),

    // renderer/: itself, shared and browser packages. Never electron/**, 'electron', node:*.
    ...room('renderer/', inRoom('(renderer|shared)/'), npmExceptElectron),

    // libvirt client: pure Node with a handed-in transport; no 'electron', ssh2 or core.
    ...room('electron/libvirt/', inRoom('(electron/libvirt|shared)/'), nodeBuiltin,
      { path: '^node_modules/(@xmldom/xmldom|xpath)/' }),

    // ssh: ssh2 connections; no libvirt, no core.
    ...room('electron/ssh/', inRoom('(electron/ssh|shared)/'), nodeBuiltin, { path: '^node_modules/ssh2/' }),

    // inventory: the local store.
    ...room('electron/inventory/', inRoom('(electron/inventory|shared)/'), nodeBuiltin, npmExceptElectron),

    // core: services over libvirt, ssh and the inventory; plain Node, never 'electron'.
    ...room('electron/core/', inRoom('(electron/(core|libvirt|ssh|inventory)|shared)/'), nodeBuiltin,
      npmExceptElectron),

    // The browser web API: the core under plain Node, behind a loopback WebSocket.
    ...room('electron/webapi/', inRoom('(electron/(webapi|core|libvirt|ssh|inventory)|shared)/'),
      nodeBuiltin, npmExceptElectron),

    // The CLI goes through the core's front door only: the composition root, the dispatcher and the front
    // ends' API types, plus pure helpers (sizes, the cloud-init seed builder, XML normalisation). Never a
    // service, the inventory, ssh or an npm package of its own.
    ...room('electron/cli/', inRoom('(electron/cli|shared)/'), nodeBuiltin,
      inRoom('electron/(core/(core|api|prompts|storage/sizes|cloudinit/(index|seed-file))|libvirt/xml/normalize)\\.ts$')),

    // main: the Electron process; the only room besides preload that imports 'electron'.
    ...room('electron/main/', inRoom('(electron/(main|webapi|core|libvirt|ssh|inventory)|shared)/'),
      nodeBuiltin, { path: '^node_modules/' }),

    // preload: contextBridge over the shared contract, plus the IPC channel names main and
    // preload agree on -- nothing else of main (it would end up in the renderer's process).
    ...room('electron/preload/', inRoom('(electron/preload|shared)/'), { path: '^node_modules/electron/' },
      inRoom('electron/main/ipc-channels\\.ts$')),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|out)/' },
    // type-only imports count too: a renderer must not even borrow types from electron/**
    tsPreCompilationDeps: true,
    // dependency-cruiser maps NodeNext-style './x.js' to './x.ts' by itself
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
