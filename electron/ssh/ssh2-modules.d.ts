// Types of the ssh2 files ssh2-parts.ts imports directly (@types/ssh2 describes only the package's index).
declare module 'ssh2/lib/client.js' {
  const Client: typeof import('ssh2').Client;
  export default Client;
}
declare module 'ssh2/lib/protocol/keyParser.js' {
  const keyParser: Pick<typeof import('ssh2').utils, 'parseKey'>;
  export default keyParser;
}
