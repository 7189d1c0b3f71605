// POSIX shell quoting: sshd hands the exec command to the user's shell, so every argv element is quoted so
// that it arrives as exactly one word, byte for byte, whatever it contains.

const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quote one argument for a POSIX shell. Strings made only of harmless characters stay bare. */
export function shellQuote(arg: string): string {
  if (arg.includes('\0')) throw new Error('shell arguments cannot contain NUL bytes');
  if (SAFE_WORD.test(arg)) return arg;
  // Inside single quotes nothing is special; a single quote itself is closed, escaped, reopened.
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** Join an argv into one command line for `sh -c`, each element quoted with {@link shellQuote}. */
export function shellQuoteArgv(argv: readonly string[]): string {
  if (argv.length === 0) throw new Error('empty argv');
  return argv.map(shellQuote).join(' ');
}
