// Runs every conformance script (test/conformance/*/NAME.sh) through the engine as
// `labbook sh NAME.sh` would, and compares with the real tools' recording (NAME.out) after
// normalisation. passing.txt in each corpus is a ratchet: listed scripts must match, and a
// script that starts matching must be added, so the list always states the real match rate.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from '../engine/index.ts';
import { conformanceWorld } from './conformance/host-setup.ts';
import { normalise } from './conformance/normalise.ts';

const root = join(import.meta.dirname, 'conformance');

function runInEngine(name: string, text: string): string {
  const result = runScript(conformanceWorld(text), text, { name });
  return result.output + (result.status !== 0 ? `[${result.status}]\n` : '');
}

const corpora = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

for (const corpus of corpora) {
  const dir = join(root, corpus);
  const scripts = readdirSync(dir)
    .filter((f) => f.endsWith('.sh') && existsSync(join(dir, f.replace(/\.sh$/, '.out'))))
    .sort();
  const listFile = join(dir, 'passing.txt');
  const passing = new Set(
    existsSync(listFile)
      ? readFileSync(listFile, 'utf8')
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => l && !l.startsWith('#'))
      : [],
  );
  describe(`conformance: ${corpus}`, () => {
    const results = new Map<string, { expected: string; actual: string }>();
    for (const script of scripts) {
      const text = readFileSync(join(dir, script), 'utf8');
      const expected = normalise(readFileSync(join(dir, script.replace(/\.sh$/, '.out')), 'utf8'));
      results.set(script, { expected, actual: normalise(runInEngine(script, text)) });
    }
    const matching = scripts.filter((s) => results.get(s)!.expected === results.get(s)!.actual);
    it(`match rate ${matching.length}/${scripts.length}`, () => {
      console.log(`conformance ${corpus}: ${matching.length}/${scripts.length} scripts match the real tools`);
      const newlyPassing = matching.filter((s) => !passing.has(s));
      expect(newlyPassing, `scripts now matching: add them to ${corpus}/passing.txt`).toEqual([]);
    });
    for (const script of scripts.filter((s) => passing.has(s))) {
      it(script, () => {
        const { expected, actual } = results.get(script)!;
        expect(actual).toBe(expected);
      });
    }
  });
}
