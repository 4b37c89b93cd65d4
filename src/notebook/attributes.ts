// Fenced-block info strings: ```sh run session=setup exit=2 → a language and typed
// attributes, validated so a typo in a note is a diagnostic, not a silently ignored flag.

export interface BlockAttributes {
  run: boolean;
  norun: boolean;
  hidden: boolean;
  session: string;
  exit: number | null;
  file: string | null;
  mode: number | null;
  /** Docusaurus-style display title; shown, no effect on running. */
  title: string | null;
}

export interface ParsedInfo {
  lang: string;
  attrs: BlockAttributes;
  errors: string[];
}

const FLAGS = new Set(['run', 'norun', 'hidden']);
const VALUED = new Set(['session', 'exit', 'file', 'mode', 'title']);

/** Splits `key=value`, `key="quoted value"` and bare words. */
function tokens(meta: string): string[] {
  const out: string[] = [];
  const re = /([^\s=]+)(?:=("([^"]*)"|'([^']*)'|\S*))?/g;
  for (let m = re.exec(meta); m; m = re.exec(meta)) {
    out.push(m[2] === undefined ? m[1] : `${m[1]}=${m[3] ?? m[4] ?? m[2]}`);
  }
  return out;
}

export function parseInfo(lang: string | null | undefined, meta: string | null | undefined): ParsedInfo {
  const attrs: BlockAttributes = {
    run: false,
    norun: false,
    hidden: false,
    session: 'default',
    exit: null,
    file: null,
    mode: null,
    title: null,
  };
  const errors: string[] = [];
  for (const token of tokens(meta ?? '')) {
    const eq = token.indexOf('=');
    const key = eq < 0 ? token : token.slice(0, eq);
    const value = eq < 0 ? null : token.slice(eq + 1);
    if (/^\{[\d,\s-]*\}$/.test(token) || key === 'showLineNumbers') continue; // line highlights from other tools
    if (FLAGS.has(key) && value === null) {
      attrs[key as 'run' | 'norun' | 'hidden'] = true;
    } else if (VALUED.has(key) && value !== null) {
      if (key === 'exit') {
        if (!/^\d{1,3}$/.test(value) || Number(value) > 255)
          errors.push(`exit=${value}: expected a status from 0 to 255`);
        else attrs.exit = Number(value);
      } else if (key === 'mode') {
        if (!/^0?[0-7]{3,4}$/.test(value)) errors.push(`mode=${value}: expected an octal mode such as 0755`);
        else attrs.mode = Number.parseInt(value, 8);
      } else if (value === '') errors.push(`${key}= needs a value`);
      else attrs[key as 'session' | 'file' | 'title'] = value;
    } else if (FLAGS.has(key)) {
      errors.push(`${key} takes no value`);
    } else if (VALUED.has(key)) {
      errors.push(`${key} needs a value (${key}=...)`);
    } else {
      errors.push(
        `unknown attribute "${token}" (known: run, norun, hidden, session=, exit=, file=, mode=, title=)`,
      );
    }
  }
  if (attrs.run && attrs.norun) errors.push('run and norun contradict each other');
  return { lang: (lang ?? '').toLowerCase(), attrs, errors };
}
