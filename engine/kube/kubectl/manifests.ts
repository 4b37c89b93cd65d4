// Reading manifests for -f: files, directories (*.yaml, *.yml, *.json), `-` for stdin,
// multi-document YAML and `kind: List`, each object with where it came from.
import { parseAllDocuments } from 'yaml';
import { catalogEntry, isManifestUrl, unreachableUrlMessage } from '../addons/catalog.ts';
import type { KubeObject } from '../api/types.ts';
import { type Kubectl, KubectlError } from './context.ts';

export interface Manifest {
  object: KubeObject;
  /** The file as given on the command line (kubectl's "source" in messages). */
  source: string;
}

function readSource(k: Kubectl, file: string): Array<{ text: string; source: string }> {
  const fs = k.ctx.proc.host.fs;
  if (file === '-') return [{ text: k.ctx.stdin.readAll(), source: 'STDIN' }];
  // a URL is fetched (cli-runtime URLVisitor); offline, only the catalog's copies answer
  if (isManifestUrl(file)) {
    const entry = catalogEntry(file);
    if (!entry) throw new KubectlError(unreachableUrlMessage(file));
    return [{ text: entry.text, source: file }];
  }
  const path = file.startsWith('/') ? file : `${k.ctx.proc.cwd}/${file}`;
  let stat: { isDir: boolean } | null = null;
  try {
    stat = { isDir: fs.stat(path).type === 'dir' };
  } catch {
    throw new KubectlError(`error: the path "${file}" does not exist`);
  }
  if (!stat.isDir) return [{ text: fs.readFile(path), source: file }];
  return fs
    .readdir(path)
    .filter((n) => /\.(ya?ml|json)$/.test(n))
    .sort()
    .map((n) => ({ text: fs.readFile(`${path}/${n}`), source: `${file.replace(/\/$/, '')}/${n}` }));
}

export function readManifests(k: Kubectl, files: string[], verb = 'apply'): Manifest[] {
  const out: Manifest[] = [];
  for (const file of files) {
    for (const { text, source } of readSource(k, file)) {
      const docs = parseAllDocuments(text);
      for (const doc of docs) {
        if (doc.errors.length > 0) {
          const e = doc.errors[0];
          const line = e.linePos?.[0]?.line ?? 0;
          throw new KubectlError(
            `error: error parsing ${source}: error converting YAML to JSON: yaml: line ${line}: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
          );
        }
        const value = doc.toJS() as KubeObject | null;
        if (value === null || value === undefined) continue;
        if (typeof value !== 'object' || Array.isArray(value))
          throw new KubectlError(
            `error: error validating "${source}": error validating data: invalid object to validate`,
          );
        const items =
          value.kind === 'List' ||
          (typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items))
            ? (value.items as KubeObject[])
            : [value];
        for (const object of items) {
          if (!object.apiVersion)
            throw new KubectlError(
              `error: error validating "${source}": error validating data: apiVersion not set`,
            );
          if (!object.kind)
            throw new KubectlError(
              `error: error validating "${source}": error validating data: kind not set`,
            );
          object.metadata ??= {};
          out.push({ object, source });
        }
      }
    }
  }
  if (files.length > 0 && out.length === 0) throw new KubectlError(`error: no objects passed to ${verb}`);
  return out;
}
