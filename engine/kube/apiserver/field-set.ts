// Sets of field paths as structured-merge-diff v4.4.2 keeps them (fieldpath.Set): path elements
// `f:` field, `k:` list-map key, `v:` set value, `i:` index; their order (PathElement.Compare),
// the FieldsV1 JSON of managedFields (serialize.go emitContentsV1) and the `.a[k=v]` strings
// of conflict messages (PathElement.String).

/** One step of a path, already in its FieldsV1 spelling (`f:name`, `k:{"name":"web"}`, ...). */
export type PathElement = string;
export type FieldPath = PathElement[];

/** Field elements made so far: the same string each time, hashed once, used as a key at once. */
const fieldElements = new Map<string, PathElement>();
export function fieldElement(name: string): PathElement {
  let pe = fieldElements.get(name);
  if (pe === undefined) {
    if (fieldElements.size >= 4096) fieldElements.clear();
    pe = `f:${name}`;
    fieldElements.set(name, pe);
  }
  return pe;
}
export const valueElement = (value: unknown): PathElement => `v:${JSON.stringify(value)}`;
export const indexElement = (index: number): PathElement => `i:${index}`;

/** A key element; its fields are sorted by name (fieldpath.KeyByFields). */
export function keyElement(fields: Record<string, unknown>): PathElement {
  const names = Object.keys(fields).sort();
  // written member by member, as JSON.stringify writes the sorted object; names like array
  // indexes would come first in an object, so those take the long way
  let out = 'k:{';
  for (const name of names) {
    const code = name.charCodeAt(0);
    if (code >= 48 && code <= 57) return keyElementOfObject(names, fields);
    const value = fields[name];
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    out += `${out.length > 3 ? ',' : ''}${JSON.stringify(name)}:${JSON.stringify(value)}`;
  }
  return `${out}}`;
}

function keyElementOfObject(names: string[], fields: Record<string, unknown>): PathElement {
  const sorted: Record<string, unknown> = {};
  for (const name of names) sorted[name] = fields[name];
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

/** The parsed JSON of `k:` and `v:` elements, kept while sorting many sets (bounded). */
const parsedElements = new Map<PathElement, unknown>();
function parsedElement(pe: PathElement): unknown {
  let parsed = parsedElements.get(pe);
  if (parsed === undefined) {
    if (parsedElements.size >= 4096) parsedElements.clear();
    parsed = JSON.parse(pe.slice(2));
    if (pe[0] === 'k') parsed = Object.entries(parsed as object);
    parsedElements.set(pe, parsed);
  }
  return parsed;
}

/** PathElement.Compare: fields, then keys, values and indexes, each in their own order. */
export function compareElements(a: PathElement, b: PathElement): number {
  const ka = KIND_RANK[a[0]];
  const kb = KIND_RANK[b[0]];
  if (ka !== kb) return ka < kb ? -1 : 1;
  if (a[0] === 'f') return a === b ? 0 : a < b ? -1 : 1; // same prefix: the names decide
  if (a[0] === 'i') return Math.sign(Number(a.slice(2)) - Number(b.slice(2)));
  if (a[0] === 'v') return compareValues(parsedElement(a), parsedElement(b));
  // keys: field lists compared name by name, then value by value (value.FieldList.Compare)
  const fa = parsedElement(a) as [string, unknown][];
  const fb = parsedElement(b) as [string, unknown][];
  for (let i = 0; i < Math.min(fa.length, fb.length); i++) {
    if (fa[i][0] !== fb[i][0]) return fa[i][0] < fb[i][0] ? -1 : 1;
    const c = compareValues(fa[i][1], fb[i][1]);
    if (c !== 0) return c;
  }
  return Math.sign(fa.length - fb.length);
}

/** Elements in PathElement order (field names alone sort as plain strings). */
export function sortElements(elements: PathElement[]): PathElement[] {
  for (const pe of elements) if (pe.charCodeAt(0) !== 102) return elements.sort(compareElements); // 'f'
  return elements.sort();
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

/**
 * A node of a set's tree. Below the root every node is a member or has children (empty nodes
 * are pruned), so a set is empty when its root has no children. Once a set has taken part in an
 * operation its nodes may be shared with other sets and never change again; `fields` keeps the
 * node's FieldsV1 (frozen) once emitted.
 */
interface Node {
  member: boolean;
  children: Map<PathElement, Node>;
  fields: Record<string, unknown> | undefined;
}

const makeNode = (member: boolean, children: Map<PathElement, Node>): Node => ({
  member,
  children,
  fields: undefined,
});
const emptyNode = (): Node => makeNode(false, new Map());

function copyNode(source: Node): Node {
  const children = new Map<PathElement, Node>();
  for (const [pe, child] of source.children) children.set(pe, copyNode(child));
  return makeNode(source.member, children);
}

function unionNodes(a: Node, b: Node): Node {
  if (a === b) return a;
  if (b.children.size === 0 && (a.member || !b.member)) return a;
  if (a.children.size === 0 && (b.member || !a.member)) return b;
  let children: Map<PathElement, Node> | undefined;
  for (const pe of b.children.keys()) {
    const theirs = b.children.get(pe) as Node;
    const mine = a.children.get(pe);
    const merged = mine ? unionNodes(mine, theirs) : theirs;
    if (merged === mine) continue;
    children ??= new Map(a.children);
    children.set(pe, merged);
  }
  const member = a.member || b.member;
  if (!children && member === a.member) return a;
  return makeNode(member, children ?? a.children);
}

/** a \ b, or undefined when nothing is left. */
function differenceNodes(a: Node, b: Node): Node | undefined {
  if (a === b) return undefined;
  let children: Map<PathElement, Node> | undefined;
  for (const pe of b.children.keys()) {
    const mine = a.children.get(pe);
    if (!mine) continue;
    const left = differenceNodes(mine, b.children.get(pe) as Node);
    if (left === mine) continue;
    children ??= new Map(a.children);
    if (left) children.set(pe, left);
    else children.delete(pe);
  }
  const member = a.member && !b.member;
  const kept = children ?? a.children;
  if (!member && kept.size === 0) return undefined;
  if (!children && member === a.member) return a;
  return makeNode(member, kept);
}

/** a ∩ b, or undefined when they share nothing. */
function intersectionNodes(a: Node, b: Node): Node | undefined {
  if (a === b) return a;
  const [small, large] = a.children.size <= b.children.size ? [a, b] : [b, a];
  const children = new Map<PathElement, Node>();
  for (const pe of small.children.keys()) {
    const y = large.children.get(pe);
    const both = y && intersectionNodes(small.children.get(pe) as Node, y);
    if (both) children.set(pe, both);
  }
  const member = a.member && b.member;
  return member || children.size > 0 ? makeNode(member, children) : undefined;
}

/** The node without membership at `path` (its children stay); the same node when not a member. */
function withoutMember(at: Node, path: FieldPath, depth: number): Node | undefined {
  if (depth === path.length) {
    if (!at.member) return at;
    return at.children.size > 0 ? makeNode(false, at.children) : undefined;
  }
  const child = at.children.get(path[depth]);
  if (!child) return at;
  const left = withoutMember(child, path, depth + 1);
  if (left === child) return at;
  const children = new Map(at.children);
  if (left) children.set(path[depth], left);
  else children.delete(path[depth]);
  return at.member || children.size > 0 || depth === 0 ? makeNode(at.member, children) : undefined;
}

/** The same paths (shared subtrees are compared at once). */
function sameNodes(a: Node, b: Node): boolean {
  if (a === b) return true;
  if (a.member !== b.member || a.children.size !== b.children.size) return false;
  for (const pe of a.children.keys()) {
    const theirs = b.children.get(pe);
    if (!theirs || !sameNodes(a.children.get(pe) as Node, theirs)) return false;
  }
  return true;
}

/** The FieldsV1 of a leaf (frozen, shared). */
const LEAF: Record<string, unknown> = Object.freeze({});

/** serialize.go emitContentsV1 for one node: `{}` for a leaf, `".": {}` for a member with children. */
function emitFields(node: Node): Record<string, unknown> {
  if (node.fields) return node.fields;
  if (node.children.size === 0) return LEAF;
  const out: Record<string, unknown> = {};
  if (node.member) out['.'] = LEAF;
  for (const pe of sortElements([...node.children.keys()]))
    out[pe] = emitFields(node.children.get(pe) as Node);
  node.fields = Object.freeze(out);
  return node.fields;
}

/** A set of paths: each node is a member (the path itself is in the set) and/or has children. */
export class FieldSet {
  private root: Node;
  /** The nodes may be shared with other sets: copy them before inserting. */
  private shared = false;

  constructor(root: Node = emptyNode()) {
    this.root = root.member ? makeNode(false, root.children) : root;
  }

  static of(paths: Iterable<FieldPath>): FieldSet {
    const set = new FieldSet();
    for (const p of paths) set.insert(p);
    return set;
  }

  /** A set made by an operation: its nodes are shared with its operands. */
  private derived(root: Node | undefined): FieldSet {
    this.shared = true;
    if (root === this.root) return this;
    const out = new FieldSet(root);
    out.shared = true;
    return out;
  }

  insert(path: FieldPath): void {
    if (this.shared) {
      this.root = copyNode(this.root);
      this.shared = false;
    }
    let node = this.root;
    node.fields = undefined;
    for (const pe of path) {
      let next = node.children.get(pe);
      if (!next) {
        next = emptyNode();
        node.children.set(pe, next);
      }
      node = next;
      node.fields = undefined;
    }
    node.member = true;
  }

  /** This set without the given member paths (their children stay). */
  without(paths: FieldPath[]): FieldSet {
    let root = this.root;
    for (const path of paths) root = withoutMember(root, path, 0) ?? emptyNode();
    return this.derived(root);
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
      for (const pe of sortElements([...node.children.keys()])) {
        const child = node.children.get(pe) as Node;
        if (child.member) out.push([...prefix, pe]);
        walk(child, [...prefix, pe]);
      }
    };
    walk(this.root, []);
    return out;
  }

  get empty(): boolean {
    return this.root.children.size === 0;
  }

  union(other: FieldSet): FieldSet {
    other.shared = true;
    return this.derived(unionNodes(this.root, other.root));
  }

  difference(other: FieldSet): FieldSet {
    other.shared = true;
    return this.derived(differenceNodes(this.root, other.root));
  }

  intersection(other: FieldSet): FieldSet {
    other.shared = true;
    return this.derived(intersectionNodes(this.root, other.root));
  }

  /** The same paths (the root itself, never in FieldsV1, aside). */
  equals(other: FieldSet): boolean {
    const root = (n: Node) => (n.member ? makeNode(false, n.children) : n);
    return sameNodes(root(this.root), root(other.root));
  }

  /**
   * The FieldsV1 object: `{}` for a leaf, `".": {}` for a member that also has children. It is
   * frozen and may be shared with other sets' FieldsV1 (copy it to change it).
   */
  toFieldsV1(): Record<string, unknown> {
    this.shared = true;
    const root = this.root.member ? makeNode(false, this.root.children) : this.root;
    return emitFields(root);
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
