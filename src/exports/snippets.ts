// Verified blocks as runnable snippets: each block as a standalone script (replaying what the
// note's earlier blocks in its session did first), a cram test file with
// the output the note expects (`[..]` becomes a cram glob line), one VS Code `.code-snippets`
// file, and a manifest naming each snippet's note, line, status and engine version.
import type { NoteReport } from '../notebook/report.ts';
import type { CollectedNote } from './collect.ts';

export interface SnippetEntry {
  name: string;
  note: string;
  file: string;
  line: number;
  status: string;
  engineVersion: string;
  script: string;
  cram: string;
}

export interface Snippets {
  /** Output files by relative path. */
  files: Map<string, string>;
  manifest: SnippetEntry[];
}

/** A cram output line: `[..]` as a glob (`*`), escaping the glob characters already there. */
function cramLine(line: string): string {
  if (!line.includes('[..]')) return `  ${line}`;
  const glob = line
    .split('[..]')
    .map((part) => part.replace(/[\\*?]/g, (c) => `\\${c}`))
    .join('*');
  return `  ${glob} (glob)`;
}

function cramFor(block: NoteReport['blocks'][number]): string {
  const out: string[] = [];
  block.transcript?.forEach((command, i) => {
    const lines = command.source.split('\n');
    out.push(`  $ ${lines[0]}`, ...lines.slice(1).map((l) => `  > ${l}`));
    const expected = command.expected;
    // `...` (any lines) has no cram form: such a command is given the engine's whole output.
    const shown =
      expected === null
        ? []
        : expected.includes('...')
          ? (block.commands[i]?.actual ?? '')
              .replace(/\n$/, '')
              .split('\n')
              .filter((l, _, a) => a.length > 1 || l)
          : expected.filter((l) => l !== '(no output)');
    out.push(...shown.map(cramLine));
    if (command.status !== 0) out.push(`  [${command.status}]`);
  });
  return `${out.join('\n')}\n`;
}

/** What earlier blocks of a session did, replayed so a later block runs on its own. */
interface SessionSetUp {
  script: string[];
  cram: string[];
}

/** A file block as the shell would write it. */
function writeFile(path: string, body: string): string {
  const text = body.endsWith('\n') || body === '' ? body : `${body}\n`;
  return `cat > ${path} <<'LABBOOK_EOF'\n${text}LABBOOK_EOF`;
}

export function snippetsOf(notes: CollectedNote[]): Snippets {
  const files = new Map<string, string>();
  const manifest: SnippetEntry[] = [];
  const vscode: Record<string, { prefix: string; body: string[]; description: string }> = {};
  for (const { meta, report, note } of notes) {
    const sessions = new Map<string, SessionSetUp>();
    for (const block of report.blocks) {
      const written = note.blocks[block.index];
      const session = written?.attrs.session ?? 'default';
      const setUp = sessions.get(session) ?? { script: [], cram: [] };
      sessions.set(session, setUp);
      if (block.kind === 'file' && written?.attrs.file) {
        const write = writeFile(written.attrs.file, written.body);
        setUp.script.push(write);
        setUp.cram.push(...write.split('\n').map((l, i) => (i === 0 ? `  $ ${l}` : `  > ${l}`)));
        continue;
      }
      if (block.kind !== 'transcript' || !block.transcript || block.status === 'norun') continue;
      const commands = block.transcript.map((c) => c.source);
      const cramText = cramFor(block);
      if (block.status === 'verified') {
        const name = `${meta.id}/line-${block.line}`;
        const script = `${meta.id}/line-${block.line}.sh`;
        const cram = `${meta.id}/line-${block.line}.t`;
        const from = `From ${note.file}:${block.line} (${note.title}), verified by labbook engine ${report.engineVersion}.`;
        const before = setUp.script.length
          ? `# Set-up: what the note's earlier blocks did.\n${setUp.script.join('\n')}\n# The block.\n`
          : '';
        files.set(script, `#!/usr/bin/env bash\n# ${from}\n${before}${commands.join('\n')}\n`);
        const cramBefore = setUp.cram.length
          ? `Set-up: what the note's earlier blocks did.\n\n${setUp.cram.join('\n')}\n\nThe block.\n\n`
          : '';
        files.set(cram, `${from}\n\n${cramBefore}${cramText}`);
        vscode[name] = {
          prefix: `lb-${meta.id.split('/').pop()}-${block.line}`,
          body: commands.map((c) => c.replace(/\$/g, '\\$')),
          description: `${note.title} (${note.file}:${block.line}), verified`,
        };
        manifest.push({
          name,
          note: note.file,
          file: script,
          line: block.line,
          status: block.status,
          engineVersion: report.engineVersion,
          script,
          cram,
        });
      }
      setUp.script.push(...commands);
      setUp.cram.push(...cramText.replace(/\n$/, '').split('\n'));
    }
  }
  files.set('labbook.code-snippets', `${JSON.stringify(vscode, null, 2)}\n`);
  files.set('manifest.json', `${JSON.stringify({ version: 1, snippets: manifest }, null, 2)}\n`);
  return { files, manifest };
}
