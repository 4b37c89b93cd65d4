// Where a note's commands run: the contract between the note runner and a backend (the
// embedded engine, a throw-away private host on the real Linux machine, or a real cluster).
import type { Note } from './parse.ts';

export type BackendName = 'engine' | 'linux' | 'kube';

export const BACKENDS: readonly BackendName[] = ['engine', 'linux', 'kube'];

export interface BackendResult {
  /** Standard output and standard error, merged in the order written. */
  output: string;
  status: number;
  /** Set when the command was stopped (an engine budget, a Linux timeout). */
  budget?: { message: string };
}

/** One `session=` of a note: a shell whose state (directory, variables, nested shells) persists. */
export interface BackendSession {
  /** True once the outermost shell has exited. */
  readonly closed: boolean;
  run(command: string): Promise<BackendResult> | BackendResult;
  /** Runs a whole script as `bash NAME` would. */
  runScript(body: string, name: string): Promise<BackendResult> | BackendResult;
  writeFile(path: string, content: string, mode?: number): Promise<void> | void;
  close(): Promise<void> | void;
}

export interface Backend {
  readonly name: BackendName;
  /** Why this note cannot run here (null when it can). */
  unsupported(note: Note): string | null;
  /** Readies the backend for this note (e.g. reaches its cluster): an error message, or null. */
  prepare?(): Promise<string | null>;
  /** Undoes `prepare` once the note is done, whether it passed, failed or timed out. */
  finish?(): Promise<void>;
  /** A fresh session; `problem` reports front matter it could not honour, at a front matter key. */
  openSession(name: string, problem: (key: string, message: string) => void): Promise<BackendSession>;
  /** Rewrites values that vary between real runs, applied to expected and actual output alike. */
  normalise?(text: string): string;
}
