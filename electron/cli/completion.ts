// `virtdeck completion bash|zsh|fish`: scripts that ask `virtdeck __complete` (complete.ts) for candidates.
import type { Shell } from './table/shells.js';
import type { Run } from './table/types.js';

const SCRIPTS: Record<Shell, string> = {
  bash: `# virtdeck completion for bash; load with: eval "$(virtdeck completion bash)"
_virtdeck() {
    local cur=\${COMP_WORDS[COMP_CWORD]} out IFS=$'\\n'
    out=$(virtdeck __complete "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null) || return 0
    if [[ $out == :files ]]; then
        compopt -o filenames 2>/dev/null
        COMPREPLY=($(compgen -f -- "$cur"))
    else
        COMPREPLY=($(compgen -W "$(cut -f1 <<<"$out")" -- "$cur"))
    fi
}
complete -F _virtdeck virtdeck
`,
  zsh: `#compdef virtdeck
# virtdeck completion for zsh; load with: eval "$(virtdeck completion zsh)" (after compinit)
_virtdeck() {
    local -a lines items
    local line
    lines=("\${(@f)$(virtdeck __complete "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
    if [[ \${lines[1]} == :files ]]; then
        _files
        return
    fi
    for line in $lines; do
        [[ -n $line ]] || continue
        if [[ $line == *$'\\t'* ]]; then
            items+=("\${\${line%%$'\\t'*}//:/\\\\:}:\${line#*$'\\t'}")
        else
            items+=("\${line//:/\\\\:}")
        fi
    done
    _describe virtdeck items
}
compdef _virtdeck virtdeck
`,
  fish: `# virtdeck completion for fish; install with: virtdeck completion fish > ~/.config/fish/completions/virtdeck.fish
function __virtdeck_complete
    set -l words (commandline -opc)
    set -e words[1]
    set -l out (virtdeck __complete $words (commandline -ct) 2>/dev/null)
    if test "$out[1]" = :files
        __fish_complete_path (commandline -ct)
    else
        printf '%s\\n' $out
    end
end
complete -c virtdeck -f -a '(__virtdeck_complete)'
`,
};

export function completionScript(shell: Shell): string {
  return SCRIPTS[shell];
}

export const completion: Run = async (ctx, args) => {
  ctx.out.stdout(completionScript(args.positionals[0] as Shell));
  return 0;
};
