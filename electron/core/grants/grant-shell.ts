// The console account's login shell. sshd runs every session of the account as `SHELL -c COMMAND`, and every grant's
// key forces COMMAND (authorized-keys.ts): "serial UUID" opens that VM's serial console through the one sudo rule
// the grant added; anything else, and a session without a command, is refused. A fixed text: no user string in it.
export const GRANT_SHELL_PATH = '/usr/local/libexec/virtdeck/grant-shell';

/** What a serial grant runs as root, followed by the VM's UUID: the shell's exec and the sudo rule must match. */
export const SERIAL_CONSOLE_ARGV = ['/usr/bin/virsh', 'console', '--force'] as const;

export const GRANT_SHELL = `#!/bin/sh
# VirtDeck console grants: the login shell of the console account. It runs a key's forced command
# "serial UUID" (that VM's serial console, via sudo) and nothing else. Written by VirtDeck.
if [ "$#" -eq 2 ] && [ "$1" = -c ]; then
    case $2 in
        "serial "*)
            uuid=\${2#serial }
            if expr "$uuid" : '[0-9a-f]\\{8\\}-[0-9a-f]\\{4\\}-[0-9a-f]\\{4\\}-[0-9a-f]\\{4\\}-[0-9a-f]\\{12\\}$' >/dev/null; then
                exec sudo -n ${SERIAL_CONSOLE_ARGV.join(' ')} "$uuid"
            fi ;;
    esac
fi
echo "this account only opens consoles granted by VirtDeck" >&2
exit 1
`;
