// The host side of a safe apply, as one fixed POSIX sh script (never built from user strings). It lives in the
// transaction directory with the files to install and the commands to run, each command a NUL-separated argv
// file run through `xargs -0 env --` (so no word is ever parsed by a shell).
//
//   sh txn.sh run DIR SECONDS   (started detached with setsid: it must outlive the SSH session it may cut)
//     apply-down.* (errors tolerated) → back up and install files/N.new over the path in files/N.target →
//     apply-up.* (must succeed, else roll back at once) → state "applied" → wait for DIR/confirmed until the
//     deadline → "confirmed", or roll back: undo-down.*, restore the backups, undo-up.* → "rolled-back".
//   sh txn.sh confirm DIR       touch DIR/confirmed, then wait for the runner to say confirmed or rolled-back.
export const TXN_SCRIPT = `#!/bin/sh
set -u
mode=$1 dir=$2
log() { printf '%s %s\\n' "$(date +%T)" "$*" >> "$dir/log"; }
run_cmds() {
  for f in "$dir/$1".*; do
    [ -e "$f" ] || continue
    log "$1: $(tr '\\000' ' ' < "$f")"
    if ! xargs -0 -r env -- < "$f" >> "$dir/log" 2>&1; then
      log "$1 failed"
      [ "$2" = strict ] && return 1
    fi
  done
  return 0
}
install_new() {
  for t in "$dir"/files/*.target; do
    [ -e "$t" ] || continue
    n=\${t%.target}; target=$(cat "$t")
    if [ -e "$target" ]; then cp -p "$target" "$n.old" || return 1; else : > "$n.absent"; fi
  done
  for t in "$dir"/files/*.target; do
    [ -e "$t" ] || continue
    n=\${t%.target}; target=$(cat "$t")
    mkdir -p "$(dirname "$target")" && cp "$n.new" "$target.virtdeck-new" && mv -f "$target.virtdeck-new" "$target" || return 1
    log "installed $target"
  done
}
restore_old() {
  for t in "$dir"/files/*.target; do
    [ -e "$t" ] || continue
    n=\${t%.target}; target=$(cat "$t")
    if [ -e "$n.old" ]; then cp -p "$n.old" "$target"; log "restored $target"
    elif [ -e "$n.absent" ]; then rm -f "$target"; log "removed $target"; fi
  done
}
rollback() {
  log "rolling back: $1"
  run_cmds undo-down lax
  restore_old
  run_cmds undo-up lax
  log "rolled back"
}
case $mode in
run)
  secs=$3
  echo $$ > "$dir/pid"
  deadline=$(( $(date +%s) + secs ))
  echo "$deadline" > "$dir/deadline"
  if run_cmds apply-down lax && install_new && run_cmds apply-up strict; then
    echo applied > "$dir/state"; log "applied; waiting $secs s for confirmation"
  else
    rollback "apply failed"
    echo failed > "$dir/state"
    exit 1
  fi
  while [ "$(date +%s)" -lt "$deadline" ]; do
    if [ -e "$dir/confirmed" ]; then echo confirmed > "$dir/state"; log confirmed; exit 0; fi
    sleep 1
  done
  if [ -e "$dir/confirmed" ]; then echo confirmed > "$dir/state"; log confirmed; exit 0; fi
  rollback "not confirmed within $secs s"
  echo rolled-back > "$dir/state"
  ;;
confirm)
  : > "$dir/confirmed"
  i=0
  while [ $i -lt 100 ]; do
    s=$(cat "$dir/state" 2>/dev/null)
    case $s in confirmed|rolled-back|failed) echo "$s"; exit 0 ;; esac
    sleep 0.1; i=$((i + 1))
  done
  cat "$dir/state"
  ;;
*) echo "unknown mode $mode" >&2; exit 2 ;;
esac
`;
