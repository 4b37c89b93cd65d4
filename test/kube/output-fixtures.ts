// Reads the goldens scripts/record-kubectl-offline.sh recorded from the real kubectl 1.32 (test/kube/fixtures/kubectl-offline).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KubeObject } from '../../engine/kube/api/types.ts';

export const FIXTURES = join(import.meta.dirname, 'fixtures', 'kubectl-offline');

export function fixture(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8');
}

export function fixtureIfPresent(path: string): string | null {
  return existsSync(join(FIXTURES, path)) ? fixture(path) : null;
}

export interface RecordedCase {
  name: string;
  /** second column: "-" or the create case a jsonpath case runs on */
  source: string;
  args: string[];
}

/** The hand-written case list the recorder read (NAME, SOURCE, arguments), comments skipped. */
export function cases(file: string): RecordedCase[] {
  return fixture(file)
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [name, source, ...args] = line.split('\t');
      return { name, source, args };
    });
}

/** What kubectl wrote for a recorded case. */
export function recorded(folder: string, name: string): { stdout: string; stderr: string } {
  return { stdout: fixture(`${folder}/${name}.out`), stderr: fixture(`${folder}/${name}.err`) };
}

/** How kubectl's CheckErr prints an error message: "error: " and a newline unless it has one. */
export function printedError(message: string): string {
  return `error: ${message}${message.endsWith('\n') ? '' : '\n'}`;
}

/**
 * The items of a list the fake API server served, as kubectl sees them after decoding: typed
 * lists omit each item's apiVersion/kind, which the unstructured decoder fills in from the list.
 */
export function servedItems(file: string): KubeObject[] {
  const list = JSON.parse(fixture(`server/${file}.in`)) as {
    apiVersion: string;
    kind: string;
    items: KubeObject[];
  };
  return list.items.map((item) => ({
    ...item,
    apiVersion: item.apiVersion ?? list.apiVersion,
    kind: item.kind ?? list.kind.replace(/List$/, ''),
  }));
}

export function servedItem(file: string, name: string): KubeObject {
  const item = servedItems(file).find((i) => i.metadata.name === name);
  if (!item) throw new Error(`no ${name} in ${file}`);
  return item;
}
