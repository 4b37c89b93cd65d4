// A controller work queue: keys deduplicated while waiting, processed in arrival order.
export class WorkQueue {
  private readonly pending = new Set<string>();

  add(key: string): void {
    this.pending.add(key);
  }

  /** Takes the oldest key, or undefined when empty. */
  take(): string | undefined {
    const first = this.pending.values().next();
    if (first.done) return undefined;
    this.pending.delete(first.value);
    return first.value;
  }

  get size(): number {
    return this.pending.size;
  }
}

export function keyOf(namespace: string | undefined, name: string | undefined): string {
  return `${namespace ?? ''}/${name ?? ''}`;
}

export function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}
