// Sets of field paths as structured-merge-diff v4.4.2 keeps them (fieldpath.Set): path elements
// `f:` field, `k:` list-map key, `v:` set value, `i:` index; their order (PathElement.Compare),
// the FieldsV1 JSON of managedFields (serialize.go emitContentsV1) and the `.a[k=v]` strings
// of conflict messages (PathElement.String).

/** One step of a path, already in its FieldsV1 spelling (`f:name`, `k:{"name":"web"}`, ...). */
export type PathElement = string;
export type FieldPath = PathElement[];

export const fieldElement = (name: string): PathElement => `f:${name}`;
export const valueElement = (value: unknown): PathElement => `v:${JSON.stringify(value)}`;
export const indexElement = (index: number): PathElement => `i:${index}`;

/** A key element; its fields are sorted by name (fieldpath.KeyByFields). */
export function keyElement(fields: Record<string, unknown>): PathElement {
  const sorted: Record<string, unknown> = {};
  for (const name of Object.keys(fields).sort()) sorted[name] = fields[name];
  return `k:${JSON.stringify(sorted)}`;
}

const KIND_RANK: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 };

/** value.Compare: numbers < strings < booleans < lists < maps < null. */
function compareValues(a: unknown, b: unknown): number {
  const rank = (v: unknown) =>
    typeof v === 'number'
      ? 0
      : typeof v === 'string'
        ? 1
        : typeof v === 'boolean'
          ? 2
          : Array.isArray(v)
            ? 3
            : v !== null && typeof v === 'object'
              ? 4
              : 5;
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  if (ra === 0) return Math.sign((a as number) - (b as number));
  if (ra === 1) return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
  if (ra === 2) return a === b ? 0 : a ? 1 : -1;
  if (ra === 3 || ra === 4) {
    const la = ra === 3 ? (a as unknown[]) : Object.entries(a as object).sort();
    const lb = ra === 3 ? (b as unknown[]) : Object.entries(b as object).sort();
    for (let i = 0; i < Math.min(la.length, lb.length); i++) {
      const c = compareValues(la[i], lb[i]);
      if (c !== 0) return c;
    }
    return Math.sign(la.length - lb.length);
  }
  return 0;
}

/** PathElement.Compare: fields, then keys, values and indexes, each in their own order. */
export function compareElements(a: PathElement, b: PathElement): number {
  const ka = KIND_RANK[a[0]];
  const kb = KIND_RANK[b[0]];
  if (ka !== kb) return ka < kb ? -1 : 1;
  const ra = a.slice(2);
  const rb = b.slice(2);
  if (a[0] === 'f') return ra === rb ? 0 : ra < rb ? -1 : 1;
  if (a[0] === 'i') return Math.sign(Number(ra) - Number(rb));
  if (a[0] === 'v') return compareValues(JSON.parse(ra), JSON.parse(rb));
  // keys: field lists compared name by name, then value by value (value.FieldList.Compare)
  const fa = Object.entries(JSON.parse(ra) as object);
  const fb = Object.entries(JSON.parse(rb) as object);
  for (let i = 0; i < Math.min(fa.length, fb.length); i++) {
    if (fa[i][0] !== fb[i][0]) return fa[i][0] < fb[i][0] ? -1 : 1;
    const c = compareValues(fa[i][1], fb[i][1]);
    if (c !== 0) return c;
  }
  return Math.sign(fa.length - fb.length);
}

/** value.ToString, as conflict paths print key and set values. */
function valueString(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(valueString).join(',')}]`;
  if (typeof v === 'object')
    return Object.entries(v)
      .map(([k, x]) => `${k}=${valueString(x)}`)
      .join('');
  return String(v);
}

/** fieldpath.Path.String: `.spec.template.spec.containers[name="nginx"].image`. */
export function pathString(path: FieldPath): string {
  return path
    .map((pe) => {
      const rest = pe.slice(2);
      switch (pe[0]) {
        case 'f':
          return `.${rest}`;
        case 'k':
          return `[${Object.entries(JSON.parse(rest) as object)
            .map(([k, v]) => `${k}=${valueString(v)}`)
            .join(',')}]`;
        case 'v':
          return `[=${valueString(JSON.parse(rest))}]`;
        default:
          return `[${rest}]`;
      }
    })
    .join('');
}

interface Node {
  member: boolean;
  children: Map<PathElement, Node>;
}

const emptyNode = (): Node => ({ member: false, children: new Map() });

/** A set of paths: each node is a member (the path itself is in the set) and/or has children. */
export class FieldSet {
  private readonly root: Node = emptyNode();

  static of(paths: Iterable<FieldPath>): FieldSet {
    const set = new FieldSet();
    for (const p of paths) set.insert(p);
    return set;
  }

  insert(path: FieldPath): void {
    let node = this.root;
    for (const pe of path) {
      let next = node.children.get(pe);
      if (!next) {
        next = emptyNode();
        node.children.set(pe, next);
      }
      node = next;
    }
    node.member = true;
  }

  /** This set without the given member paths (their children stay). */
  without(paths: FieldPath[]): FieldSet {
    const out = this.union(new FieldSet());
    for (const path of paths) {
      const trail: Node[] = [out.root];
      for (const pe of path) {
        const next = trail[trail.length - 1].children.get(pe);
        if (!next) break;
        trail.push(next);
      }
      if (trail.length !== path.length + 1) continue;
      trail[trail.length - 1].member = false;
      for (let i = path.length; i > 0; i--) {
        const node = trail[i];
        if (node.member || node.children.size > 0) break;
        trail[i - 1].children.delete(path[i - 1]);
      }
    }
    return out;
  }

  has(path: FieldPath): boolean {
    let node: Node | undefined = this.root;
    for (const pe of path) {
      node = node.children.get(pe);
      if (!node) return false;
    }
    return node.member;
  }

  /** Every member path, parents before children, in element order. */
  paths(): FieldPath[] {
    const out: FieldPath[] = [];
    const walk = (node: Node, prefix: FieldPath) => {
      for (const pe of [...node.children.keys()].sort(compareElements)) {
        const child = node.children.get(pe) as Node;
        if (child.member) out.push([...prefix, pe]);
        walk(child, [...prefix, pe]);
      }
    };
    walk(this.root, []);
    return out;
  }

  get empty(): boolean {
    const any = (node: Node): boolean => {
      for (const child of node.children.values()) if (child.member || any(child)) return true;
      return false;
    };
    return !any(this.root);
  }

  /** A set built from a combination of this tree and another, node by node. */
  private combine(
    other: FieldSet,
    keep: (mine: boolean, theirs: boolean) => boolean,
    both: boolean,
  ): FieldSet {
    const out = new FieldSet();
    const walk = (a: Node | undefined, b: Node | undefined, into: Node): void => {
      const names = new Set<PathElement>(a ? a.children.keys() : []);
      if (both && b) for (const pe of b.children.keys()) names.add(pe);
      for (const pe of names) {
        const x = a?.children.get(pe);
        const y = b?.children.get(pe);
        const child = emptyNode();
        child.member = keep(x?.member ?? false, y?.member ?? false);
        walk(x, y, child);
        if (child.member || child.children.size > 0) into.children.set(pe, child);
      }
    };
    walk(this.root, other.root, out.root);
    return out;
  }

  union(other: FieldSet): FieldSet {
    return this.combine(other, (a, b) => a || b, true);
  }

  difference(other: FieldSet): FieldSet {
    return this.combine(other, (a, b) => a && !b, false);
  }

  intersection(other: FieldSet): FieldSet {
    return this.combine(other, (a, b) => a && b, false);
  }

  equals(other: FieldSet): boolean {
    return JSON.stringify(this.toFieldsV1()) === JSON.stringify(other.toFieldsV1());
  }

  /** The FieldsV1 object: `{}` for a leaf, `".": {}` for a member that also has children. */
  toFieldsV1(): Record<string, unknown> {
    const emit = (node: Node, includeSelf: boolean): Record<string, unknown> => {
      const out: Record<string, unknown> = {};
      if (includeSelf && node.member && node.children.size > 0) out['.'] = {};
      for (const pe of [...node.children.keys()].sort(compareElements)) {
        const child = node.children.get(pe) as Node;
        if (!child.member && child.children.size === 0) continue;
        out[pe] = emit(child, true);
      }
      return out;
    };
    return emit(this.root, false);
  }

  /** Reads a FieldsV1 object back (managedFields[].fieldsV1). */
  static fromFieldsV1(fields: Record<string, unknown>): FieldSet {
    const set = new FieldSet();
    const read = (obj: Record<string, unknown>, prefix: FieldPath) => {
      for (const [pe, sub] of Object.entries(obj)) {
        if (pe === '.') {
          set.insert(prefix);
          continue;
        }
        const children = (sub ?? {}) as Record<string, unknown>;
        if (Object.keys(children).length === 0) set.insert([...prefix, pe]);
        else read(children, [...prefix, pe]);
      }
    };
    read(fields, []);
    return set;
  }
}
