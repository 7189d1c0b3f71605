// check-fuses.cjs BINARY: the Electron fuses in a packaged binary are the ones VirtDeck requires (exit 1 if not).
// Used by check-packaging.sh on the stub build; works the same on a real packaged Electron binary.
const { getCurrentFuseWire, FuseV1Options } = require('@electron/fuses');
// A fuse is one byte: ASCII '1' on, '0' off.
const ON = 0x31, OFF = 0x30;

const REQUIRED = {
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  GrantFileProtocolExtraPrivileges: false,
};

getCurrentFuseWire(process.argv[2]).then((wire) => {
  const wrong = Object.entries(REQUIRED).filter(
    ([name, on]) => wire[FuseV1Options[name]] !== (on ? ON : OFF),
  );
  if (wrong.length) {
    console.error(`check-fuses: wrong fuses in ${process.argv[2]}: ${wrong.map(([n, on]) => `${n} should be ${on ? 'on' : 'off'}`).join(', ')}`);
    process.exit(1);
  }
  console.log(`check-fuses: ok (${Object.keys(REQUIRED).length} fuses)`);
}, (err) => {
  console.error(`check-fuses: ${err.message}`);
  process.exit(1);
});
