// Matches expected output (with `...` lines, `[..]` wildcards and `(re)` lines) against
// actual output by aligning the two, which also yields a readable diff and the text that
// `--update` writes back (keeping wildcard lines that still match).

export const ANY_LINES = '...';

function trimEnd(s: string): string {
  return s.replace(/\s+$/, '');
}

const lineCache = new Map<string, RegExp | null>();

/** The RegExp for a pattern line, or null when it is a plain line compared exactly. */
function lineRegex(pattern: string): RegExp | null {
  let re = lineCache.get(pattern);
  if (re !== undefined) return re;
  const p = trimEnd(pattern);
  if (p.endsWith(' (re)')) {
    try {
      re = new RegExp(`^(?:${p.slice(0, -5)})$`);
    } catch {
      re = /(?!)/;
    }
  } else if (p.includes('[..]')) {
    re = new RegExp(
      `^${p
        .split('[..]')
        .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*?')}$`,
    );
  } else re = null;
  if (lineCache.size > 5000) lineCache.clear();
  lineCache.set(pattern, re);
  return re;
}

export function lineMatches(pattern: string, actual: string): boolean {
  const re = lineRegex(pattern);
  return re ? re.test(trimEnd(actual)) : trimEnd(pattern) === trimEnd(actual);
}

export type Step =
  | { op: 'same'; pattern: string; actual: string }
  | { op: 'any'; actual: string[] }
  | { op: 'del'; pattern: string }
  | { op: 'ins'; actual: string };

/**
 * Lines of output as a note compares them: a final newline does not make an empty line, and
 * trailing blank lines after some output are dropped, since a note's region cannot end in one.
 */
export function outputLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.replace(/\n$/, '').split('\n').map(trimEnd);
  while (lines.length > 1 && lines[lines.length - 1] === '' && lines.some((l) => l !== '')) lines.pop();
  return lines;
}

/**
 * Aligns pattern lines with actual lines at minimal edit cost; `same` (default: lineMatches)
 * says whether pattern i matches actual line j.
 */
export function align(
  patterns: string[],
  actual: string[],
  same: (i: number, j: number) => boolean = (i, j) => lineMatches(patterns[i], actual[j]),
): Step[] {
  const n = patterns.length;
  const m = actual.length;
  if (n * m > 4_000_000) {
    return [
      ...patterns.map((p): Step => ({ op: 'del', pattern: p })),
      ...actual.map((a): Step => ({ op: 'ins', actual: a })),
    ];
  }
  // cost[i][j]: edits to align patterns[i..] with actual[j..].
  const cost: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n; i >= 0; i--) {
    for (let j = m; j >= 0; j--) {
      if (i === n) {
        cost[i][j] = m - j;
        continue;
      }
      const p = patterns[i];
      if (p.trim() === ANY_LINES) {
        cost[i][j] = Math.min(cost[i + 1][j], j < m ? cost[i][j + 1] : Number.MAX_SAFE_INTEGER);
        continue;
      }
      let best = 1 + cost[i + 1][j];
      if (j < m) {
        best = Math.min(best, 1 + cost[i][j + 1]);
        if (same(i, j)) best = Math.min(best, cost[i + 1][j + 1]);
      }
      cost[i][j] = best;
    }
  }
  const steps: Step[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i === n) {
      steps.push({ op: 'ins', actual: actual[j++] });
      continue;
    }
    const p = patterns[i];
    if (p.trim() === ANY_LINES) {
      const absorbed: string[] = [];
      // Absorb a line only when leaving `...` here would cost more.
      while (j < m && cost[i][j] !== cost[i + 1][j]) absorbed.push(actual[j++]);
      steps.push({ op: 'any', actual: absorbed });
      i++;
      continue;
    }
    if (j < m && same(i, j) && cost[i][j] === cost[i + 1][j + 1]) {
      steps.push({ op: 'same', pattern: p, actual: actual[j] });
      i++;
      j++;
    } else if (cost[i][j] === 1 + cost[i + 1][j]) {
      steps.push({ op: 'del', pattern: p });
      i++;
    } else {
      steps.push({ op: 'ins', actual: actual[j++] });
    }
  }
  return steps;
}

export function matches(patterns: string[], actual: string[]): boolean {
  return align(patterns, actual).every((s) => s.op === 'same' || s.op === 'any');
}

/** A unified diff (expected → actual) with three lines of context around changes. */
export function renderDiff(steps: Step[], context = 3): string {
  const rows: Array<{ mark: ' ' | '-' | '+'; text: string }> = [];
  for (const s of steps) {
    if (s.op === 'same') rows.push({ mark: ' ', text: s.pattern });
    else if (s.op === 'any') rows.push({ mark: ' ', text: ANY_LINES });
    else if (s.op === 'del') rows.push({ mark: '-', text: s.pattern });
    else rows.push({ mark: '+', text: s.actual });
  }
  const keep = rows.map(() => false);
  rows.forEach((r, idx) => {
    if (r.mark === ' ') return;
    for (let k = Math.max(0, idx - context); k <= Math.min(rows.length - 1, idx + context); k++)
      keep[k] = true;
  });
  const out = ['--- expected', '+++ actual'];
  let skipping = false;
  rows.forEach((r, idx) => {
    if (!keep[idx]) {
      if (!skipping) out.push('@@ ... @@');
      skipping = true;
      return;
    }
    skipping = false;
    out.push(`${r.mark}${r.text}`);
  });
  if (!keep[0] && out[2] === '@@ ... @@') out.splice(2, 1);
  return `${out.join('\n')}\n`;
}

/** Escapes an actual line so it reads back as itself, not as a pattern. */
function literalLine(line: string): string {
  const special =
    line.trim() === ANY_LINES ||
    line.includes('[..]') ||
    trimEnd(line).endsWith(' (re)') ||
    /^\[\d{1,3}\]$/.test(line) ||
    line === '(no output)';
  if (!special) return line;
  return `${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} (re)`;
}

/** The expected lines `--update` writes: matching pattern lines kept, the rest from actual. */
export function updatedLines(steps: Step[]): string[] {
  const out: string[] = [];
  for (const s of steps) {
    if (s.op === 'same') out.push(s.pattern);
    else if (s.op === 'any') out.push(ANY_LINES);
    else if (s.op === 'ins') out.push(literalLine(s.actual));
  }
  return out;
}
