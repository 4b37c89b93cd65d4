// The parse tree of a Go text/template and how each node prints itself (parse/node.go String), which error messages quote.

export type Node =
  | TextNode
  | ActionNode
  | IfNode
  | RangeNode
  | WithNode
  | ListNode
  | BreakNode
  | ContinueNode
  | TemplateNode
  | PipeNode
  | CommandNode
  | Operand;

export type Operand =
  | { kind: 'field'; pos: number; idents: string[] }
  | { kind: 'variable'; pos: number; idents: string[] }
  | { kind: 'identifier'; pos: number; name: string }
  | { kind: 'dot'; pos: number }
  | { kind: 'nil'; pos: number }
  | { kind: 'bool'; pos: number; value: boolean }
  | { kind: 'string'; pos: number; quoted: string; text: string }
  | NumberNode
  | ChainNode
  | PipeNode;

export interface NumberNode {
  kind: 'number';
  pos: number;
  text: string;
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  isComplex: boolean;
  int: bigint;
  float: number;
}

export interface ChainNode {
  kind: 'chain';
  pos: number;
  node: Operand;
  fields: string[];
}

export interface TextNode {
  kind: 'text';
  pos: number;
  text: string;
}

export interface ListNode {
  kind: 'list';
  pos: number;
  nodes: Node[];
}

export interface PipeNode {
  kind: 'pipe';
  pos: number;
  line: number;
  isAssign: boolean;
  decl: string[];
  cmds: CommandNode[];
}

export interface CommandNode {
  kind: 'command';
  pos: number;
  args: Operand[];
}

export interface ActionNode {
  kind: 'action';
  pos: number;
  line: number;
  pipe: PipeNode;
}

export interface BranchNode {
  pos: number;
  line: number;
  pipe: PipeNode;
  list: ListNode;
  elseList: ListNode | null;
}

export interface IfNode extends BranchNode {
  kind: 'if';
}

export interface RangeNode extends BranchNode {
  kind: 'range';
}

export interface WithNode extends BranchNode {
  kind: 'with';
}

export interface BreakNode {
  kind: 'break';
  pos: number;
}

export interface ContinueNode {
  kind: 'continue';
  pos: number;
}

export interface TemplateNode {
  kind: 'template';
  pos: number;
  line: number;
  name: string;
  pipe: PipeNode | null;
}

function pipeString(p: PipeNode): string {
  let s = '';
  if (p.decl.length > 0) s = `${p.decl.join(', ')} ${p.isAssign ? '=' : ':='} `;
  return s + p.cmds.map(nodeString).join(' | ');
}

function argString(arg: Operand): string {
  return arg.kind === 'pipe' ? `(${nodeString(arg)})` : nodeString(arg);
}

function branchString(name: string, n: BranchNode): string {
  const head = `{{${name} ${pipeString(n.pipe)}}}${nodeString(n.list)}`;
  if (n.elseList) return `${head}{{else}}${nodeString(n.elseList)}{{end}}`;
  return `${head}{{end}}`;
}

/** parse/node.go's String methods: the source-like text shown in `executing "output" at <...>`. */
export function nodeString(n: Node): string {
  switch (n.kind) {
    case 'text':
      return n.text;
    case 'action':
      return `{{${pipeString(n.pipe)}}}`;
    case 'list':
      return n.nodes.map(nodeString).join('');
    case 'if':
    case 'range':
    case 'with':
      return branchString(n.kind, n);
    case 'break':
      return '{{break}}';
    case 'continue':
      return '{{continue}}';
    case 'template':
      return n.pipe
        ? `{{template ${JSON.stringify(n.name)} ${pipeString(n.pipe)}}}`
        : `{{template ${JSON.stringify(n.name)}}}`;
    case 'pipe':
      return pipeString(n);
    case 'command':
      return n.args.map(argString).join(' ');
    case 'field':
      return n.idents.map((i) => `.${i}`).join('');
    case 'variable':
      return n.idents.join('.');
    case 'identifier':
      return n.name;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(n.value);
    case 'string':
      return n.quoted;
    case 'number':
      return n.text;
    case 'chain':
      return `${argString(n.node)}${n.fields.map((f) => `.${f}`).join('')}`;
  }
}
