# shellcheck shell=bash
# entry.sh -- sourced first by up.sh, down.sh and selftest.sh.
# The scripts live in the repo, but a running test bed keeps its state (keys, pids, host
# disks) in its own directory outside the repo: $VIRTDECK_TESTBED, by default
# ~/.cache/virtdeck/testbed.  up.sh copies the scripts there, so that directory works on
# its own (libvirt URIs name $TB/bin/tbssh).  Started from the repo, a script hands over to
# that copy; started from the copy (marked by .copy-of), it simply goes on with TB=its dir.
ENTRY_SELF=$(cd "$(dirname "$0")" && pwd -P)
ENTRY_NAME=$(basename "$0")
if [[ -f $ENTRY_SELF/.copy-of ]]; then
    TB=$ENTRY_SELF; export TB
else
    TB_DIR=${VIRTDECK_TESTBED:-${HOME:-/root}/.cache/virtdeck/testbed}
    [[ $TB_DIR == /* ]] || TB_DIR=$PWD/$TB_DIR
    repo_root=$(cd "$ENTRY_SELF/../.." && pwd -P)
    if [[ $ENTRY_NAME == up.sh ]]; then
        mkdir -p "$TB_DIR/lib" "$TB_DIR/bin"
        TB_DIR=$(cd "$TB_DIR" && pwd -P)
        case $TB_DIR/ in "$repo_root"/*)
            echo "test bed directory $TB_DIR is inside the repo; set VIRTDECK_TESTBED elsewhere" >&2
            exit 1 ;;
        esac
        # copy changed files only; cp to a temp name + mv, because bash reads a running
        # script as it goes and an in-place rewrite would corrupt it
        for src in "$ENTRY_SELF"/{up.sh,down.sh,selftest.sh,README.md} "$ENTRY_SELF"/lib/* "$ENTRY_SELF"/bin/*; do
            f=${src#"$ENTRY_SELF"/}
            cmp -s "$src" "$TB_DIR/$f" && continue
            cp -p "$src" "$TB_DIR/$f.new" && mv -f "$TB_DIR/$f.new" "$TB_DIR/$f"
        done
        echo "$ENTRY_SELF" >"$TB_DIR/.copy-of"
    elif [[ ! -x $TB_DIR/$ENTRY_NAME ]]; then
        echo "no test bed in $TB_DIR (run up.sh first)" >&2
        [[ $ENTRY_NAME == down.sh ]] && exit 0
        exit 1
    fi
    exec "$TB_DIR/$ENTRY_NAME" "$@"
fi
