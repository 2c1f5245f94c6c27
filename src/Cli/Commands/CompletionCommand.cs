using System.CommandLine;

namespace Crypt.Cli.Commands;

/// <summary>
/// <c>crypt completion bash|zsh</c> (sops 3.11's form, cmd/sops/main.go "completion"): prints a
/// script for the shell to source. The script asks crypt itself for the candidates through
/// System.CommandLine's <c>[suggest:POSITION]</c> directive, so completions always match the
/// installed version's commands and options.
/// </summary>
internal static class CompletionCommand
{
    private const string Bash = """
        # bash completion for crypt; load with: source <(crypt completion bash)
        _crypt_complete() {
          local line="${COMP_LINE:0:$COMP_POINT}"
          local IFS=$'\n'
          COMPREPLY=( $(compgen -W "$("${COMP_WORDS[0]}" "[suggest:${#line}]" "$line" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}") )
          return 0
        }
        complete -o bashdefault -o default -F _crypt_complete crypt

        """;

    private const string Zsh = """
        #compdef crypt
        # zsh completion for crypt; load with: source <(crypt completion zsh)
        _crypt_complete() {
          local line="${BUFFER:0:$CURSOR}"
          local -a candidates
          candidates=("${(@f)$("${words[1]}" "[suggest:${#line}]" "$line" 2>/dev/null)}")
          if [[ -n "${candidates[1]}" ]]; then
            compadd -a candidates
          else
            _files
          fi
        }
        compdef _crypt_complete crypt

        """;

    public static Command Create()
    {
        Command command = new("completion", """
            Print a shell completion script.

            Example:
              source <(crypt completion bash)    # in ~/.bashrc
              source <(crypt completion zsh)     # in ~/.zshrc
            """);
        command.Subcommands.Add(Script("bash", Bash));
        command.Subcommands.Add(Script("zsh", Zsh));
        return command;
    }

    private static Command Script(string shell, string script)
    {
        Command command = new(shell, $"Print the {shell} completion script. To load it: source <(crypt completion {shell})");
        command.SetAction(_ =>
        {
            Console.Out.Write(script);
            return ExitCodes.Success;
        });
        return command;
    }
}
