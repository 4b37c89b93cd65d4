// --template and -o go-template-file for every kubectl subcommand: folds them into the -o value the printers read.
import type { CommandContext } from '../../../../commands/types.ts';
import type { ParsedFlags } from '../../flags.ts';
import { resolveTemplateOutput } from './index.ts';

/** Rewrites flags' `output` as PrintFlags.ToPrinter would choose it (see resolveTemplateOutput). */
export function applyTemplateFlags(ctx: CommandContext, flags: ParsedFlags): void {
  const last = (name: string) => flags.values.get(name)?.at(-1);
  const output = resolveTemplateOutput(last('output'), last('template'), (file) => {
    const path = file.startsWith('/') ? file : `${ctx.proc.cwd}/${file}`;
    try {
      return ctx.proc.host.fs.readFile(path);
    } catch {
      return undefined;
    }
  });
  if (output !== undefined) flags.values.set('output', [output]);
}
