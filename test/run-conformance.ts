// Runs conformance scripts through the engine and prints a line diff against their recordings:
// `node test/run-conformance.ts test/conformance/shell/02-x.sh ...` (no diff means a match).
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { runScript } from '../engine/index.ts';
import { conformanceWorld } from './conformance/host-setup.ts';
import { normalise } from './conformance/normalise.ts';

function lineDiff(expected: string[], actual: string[]): string[] {
  const n = expected.length;
  const m = actual.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i][j] = expected[i] === actual[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && expected[i] === actual[j]) {
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i][j + 1] >= lcs[i + 1][j])) out.push(`+${j + 1}: ${actual[j++]}`);
    else out.push(`-${i + 1}: ${expected[i++]}`);
  }
  return out;
}

let failures = 0;
for (const file of process.argv.slice(2)) {
  const name = basename(file);
  const text = readFileSync(file, 'utf8');
  const result = runScript(conformanceWorld(text), text, { name });
  const actual = normalise(result.output + (result.status !== 0 ? `[${result.status}]\n` : ''));
  const outFile = file.replace(/\.sh$/, '.out');
  if (!existsSync(outFile)) {
    console.log(`== ${name}: no recording; engine printed:\n${actual}`);
    continue;
  }
  const expected = normalise(readFileSync(outFile, 'utf8'));
  if (expected === actual) {
    console.log(`== ${name}: match`);
    continue;
  }
  failures++;
  console.log(`== ${name}: DIFFERS (- recording, + engine)`);
  for (const line of lineDiff(expected.split('\n'), actual.split('\n'))) console.log(line);
}
process.exitCode = failures > 0 ? 1 : 0;
