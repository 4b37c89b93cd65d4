// kubectl edit's editor session: the temporary file with its header, the editor launched from
// $KUBE_EDITOR / $EDITOR (or vi), and how the edited text is compared and checked
// (k8s.io/kubectl v0.32.4 pkg/cmd/util/editor editor.go, launcher_others.go, editoptions.go,
// crlf/crlf.go; cmd/util helpers.go StripComments / ManualStrip; pkg/validation).
import { parseAllDocuments } from 'yaml';
import { type Kubectl, KubectlError } from '../context.ts';
import { marshalCompact } from '../output/json.ts';

/** A reason the file is reopened: a headline and its bullet points (editoptions.go editReason). */
export interface EditReason {
  head: string;
  other: string[];
}

/** editHeader.writeTo in normal edit mode; `# ` continues a reason's lines (hashOnLineBreak). */
export function editHeader(reasons: EditReason[]): string {
  const hashed = (s: string) => s.replace(/\n(?!#)/g, '\n# ');
  let text =
    "# Please edit the object below. Lines beginning with a '#' will be ignored,\n" +
    '# and an empty file will abort the edit. If an error occurs while saving this file will be\n' +
    '# reopened with the relevant failures.\n#\n';
  for (const r of reasons) {
    text += r.other.length > 0 ? `# ${hashed(r.head)}:\n` : `# ${hashed(r.head)}\n`;
    for (const o of r.other) text += `# * ${hashed(o)}\n`;
    text += '#\n';
  }
  return text;
}

/** crlf.NewCRLFWriter: every \n written as \r\n (--windows-line-endings). */
export function crlf(text: string): string {
  return text.replace(/\n/g, '\r\n');
}

/** ManualStrip: drops lines whose trimmed text starts with # (but not #!). */
export function manualStrip(text: string): string {
  return text
    .split('\n')
    .filter((line) => {
      const trimmed = line.trim();
      return !(trimmed.startsWith('#') && !trimmed.startsWith('#!'));
    })
    .join('\n');
}

/** yaml.ToJSON of the first document, or the parse error's text (go-yaml's wording approximated). */
export function yamlToJson(text: string): { json: string; value: unknown } | { error: string } {
  const [doc] = parseAllDocuments(text);
  if (!doc) return { json: 'null', value: null };
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line ?? 0;
    const message = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    return { error: `yaml: line ${line}: ${message}` };
  }
  const value = (doc.toJS() ?? null) as unknown;
  return { json: marshalCompact(value), value };
}

/** StripComments: the text as JSON when it is YAML, else without its comment lines. */
export function stripComments(text: string): string {
  const converted = yamlToJson(text);
  return 'json' in converted ? converted.json : manualStrip(text);
}

/** hasLines: whether any line has text that is not a comment. */
export function hasLines(text: string): boolean {
  return text.split(/\r?\n/).some((line) => {
    const trimmed = line.trim();
    return trimmed.length > 0 && !trimmed.startsWith('#');
  });
}

/**
 * The client-side check of pkg/validation (paramVerifyingSchema): the text must decode to an
 * object with apiVersion and kind; the server validates the rest (it supports fieldValidation).
 * Returns the error text, or undefined when the text passes.
 */
export function validateEdited(text: string): string | undefined {
  const converted = yamlToJson(text);
  if ('error' in converted) return converted.error;
  const value = converted.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return 'invalid object to validate';
  const fields = value as Record<string, unknown>;
  const errors: string[] = [];
  if (fields.apiVersion === undefined || fields.apiVersion === null) errors.push('apiVersion not set');
  else if (typeof fields.apiVersion !== 'string') errors.push("apiVersion isn't string type");
  if (fields.kind === undefined || fields.kind === null) errors.push('kind not set');
  else if (typeof fields.kind !== 'string') errors.push("kind isn't string type");
  // utilerrors.NewAggregate: one error as itself, several as [a, b]
  if (errors.length === 0) return undefined;
  return errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
}

/**
 * The editor's argv (editor.go defaultEnvEditor): $KUBE_EDITOR, else $EDITOR, else vi; a value
 * with spaces is split on them, and one with quotes or backslashes goes to `$SHELL -c`.
 */
export function editorCommand(env: Map<string, string>): { args: string[]; shell: boolean } {
  const editor = env.get('KUBE_EDITOR') || env.get('EDITOR') || 'vi';
  if (!editor.includes(' ')) return { args: [editor], shell: false };
  if (!/["'\\]/.test(editor)) return { args: editor.split(' '), shell: false };
  return { args: [env.get('SHELL') || '/bin/bash', '-c', editor], shell: true };
}

/** Go's %q of a plain path: quoted, with " and \ escaped. */
function goQuote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * LaunchTempFile: writes `content` to $TMPDIR/kubectl-edit-<random><ext> (os.CreateTemp, mode
 * 0600), runs the editor on it and returns the path and the text the editor left.
 */
export function launchTempFile(k: Kubectl, ext: string, content: string): { path: string; edited: string } {
  const fs = k.ctx.proc.host.fs;
  const dir = (k.ctx.env.get('TMPDIR') || '/tmp').replace(/\/+$/, '') || '/';
  const path = `${dir}/kubectl-edit-${k.cluster().random.u32()}${ext}`;
  fs.writeFile(path, content, { mode: 0o600 });
  const { args, shell } = editorCommand(k.ctx.env);
  const argv = shell ? [...args.slice(0, -1), `${args[args.length - 1]} ${goQuote(path)}`] : [...args, path];
  const joined = args.join(' ');
  // exec.Command looks a bare name up on PATH first (exec.ErrNotFound); a path is started as is
  const name = argv[0];
  if (!name.includes('/') && !k.ctx.which(name))
    throw new KubectlError(`error: unable to launch the editor "${joined}"`);
  // (the engine's built-in programs, /bin/bash among them, have no file of their own)
  const builtin = k.ctx.world.commands.has(name.slice(name.lastIndexOf('/') + 1));
  if (name.includes('/') && !fs.exists(name, k.ctx.proc.cwd) && !builtin)
    throw new KubectlError(`error: there was a problem with the editor "${joined}"`);
  const status = k.ctx.exec(argv);
  if (status !== 0) throw new KubectlError(`error: there was a problem with the editor "${joined}"`);
  return { path, edited: fs.readFile(path) };
}
