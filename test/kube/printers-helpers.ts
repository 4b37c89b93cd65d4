// Shared fixtures for the printer tests: a fixed "now", timestamps relative to it, and the
// cells of a one-object table (all cells, or only the non-wide ones kubectl shows by default).
import type { KubeObject } from '../../engine/kube/api/types.ts';
import { buildTable } from '../../engine/kube/printers/index.ts';
import type { Cell } from '../../engine/kube/printers/table.ts';

export const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** An RFC 3339 timestamp `offsetMs` from NOW (Go tests' time.Now().Add(offset)). */
export function at(offsetMs: number): string {
  return new Date(NOW + offsetMs).toISOString();
}

export function obj(apiVersion: string, kind: string, fields: Record<string, unknown>): KubeObject {
  const { metadata, ...rest } = fields as { metadata?: KubeObject['metadata'] };
  return { apiVersion, kind, metadata: metadata ?? {}, ...rest };
}

/** Every cell of the row, as the API server generates it (GenerateOptions{Wide: true}). */
export function wideCells(kind: string, object: KubeObject): Cell[] {
  return buildTable(kind, [object], { now: NOW }).rows[0].cells;
}

/** The cells of the columns shown without -o wide (GenerateOptions{} in the Go tests). */
export function cells(kind: string, object: KubeObject): Cell[] {
  const table = buildTable(kind, [object], { now: NOW });
  return table.rows[0].cells.filter((_, i) => table.columns[i].priority === 0);
}
