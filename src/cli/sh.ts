// `labbook sh [FILE]`: runs a bash script in a fresh engine world whose root namespace has only
// `lo`, printing its output as `bash FILE` would and exiting with its status; on a terminal
// with no FILE, an interactive shell into the engine.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createWorld, parseScript, runScript, Session, ShellSyntaxError } from '../../engine/index.ts';

export async function sh(args: string[]): Promise<number> {
  const file = args[0];
  if (!file && process.stdin.isTTY) return interactive();
  let source: string;
  try {
    source = file && file !== '-' ? readFileSync(file, 'utf8') : readFileSync(0, 'utf8');
  } catch {
    process.stderr.write(`labbook sh: ${file}: No such file or directory\n`);
    return 127;
  }
  const result = runScript(createWorld(), source, {
    name: file && file !== '-' ? file : undefined,
    args: args.slice(1),
  });
  for (const chunk of result.chunks)
    (chunk.stream === 'stdout' ? process.stdout : process.stderr).write(chunk.text);
  if (result.budget) process.stderr.write(`labbook sh: ${result.budget.message}\n`);
  return result.status;
}

async function interactive(): Promise<number> {
  const session = new Session(createWorld());
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  let buffer = '';
  const prompt = () =>
    rl.setPrompt(
      buffer
        ? '> '
        : `${session.depth > 1 ? `[${session.depth - 1}] ` : ''}${session.proc?.host.hostname ?? 'labbook'}# `,
    );
  process.stdout.write(
    'labbook engine shell: commands run in a simulated host, nothing runs on this machine.\n',
  );
  prompt();
  rl.prompt();
  let status = 0;
  for await (const line of rl) {
    buffer = buffer ? `${buffer}\n${line}` : line;
    try {
      parseScript(buffer);
    } catch (e) {
      if (e instanceof ShellSyntaxError && e.incomplete) {
        prompt();
        rl.prompt();
        continue;
      }
    }
    const result = session.run(buffer);
    buffer = '';
    process.stdout.write(result.output);
    if (result.budget) process.stderr.write(`labbook: ${result.budget.message}\n`);
    status = result.status;
    if (session.closed) break;
    prompt();
    rl.prompt();
  }
  rl.close();
  return status;
}
