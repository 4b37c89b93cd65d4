// Records what the real kubectl (v1.32.4) prints for `-o go-template` cases into
// test/kube/fixtures/go-template/cases.json: each case's arguments with stdout, stderr and exit
// status. Every case runs offline (`kubectl create ... --dry-run=client`), so the engine's kubectl
// can run the same arguments and must print the same bytes (test/kube/go-template.test.ts).
// Usage: node scripts/record-go-template.ts   (needs kubectl v1.32.4 on PATH)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const OUT = new URL('../test/kube/fixtures/go-template/', import.meta.url).pathname;

const OBJECTS: Record<string, string[]> = {
  deploy: ['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=3', '--port=80'],
  cm: [
    'create',
    'configmap',
    'conf',
    '--from-literal=b=two',
    '--from-literal=a=one',
    '--from-literal=empty=',
  ],
  secret: ['create', 'secret', 'generic', 'creds', '--from-literal=user=admin', '--from-literal=pass=s3cr3t'],
  svc: ['create', 'service', 'clusterip', 'web', '--tcp=80:8080', '--tcp=443:8443'],
  ns: ['create', 'namespace', 'dev'],
};

/** [case name, object, template] */
const TEMPLATES: Array<[string, keyof typeof OBJECTS, string]> = [
  ['name', 'deploy', '{{.metadata.name}}'],
  ['nested-fields', 'deploy', '{{.kind}}/{{.metadata.name}} replicas={{.spec.replicas}}'],
  ['missing-key', 'deploy', '{{.spec.nope}}|{{.nope.deeper}}|{{.metadata.creationTimestamp}}'],
  ['map-value', 'deploy', '{{.metadata.labels}}'],
  ['slice-value', 'deploy', '{{.spec.template.spec.containers}}'],
  [
    'range-containers',
    'deploy',
    '{{range .spec.template.spec.containers}}{{.name}}={{.image}}{{"\\n"}}{{end}}',
  ],
  [
    'range-index',
    'deploy',
    '{{range $i, $c := .spec.template.spec.containers}}{{$i}}:{{$c.name}}:{{(index $c.ports 0).containerPort}}{{end}}',
  ],
  ['range-map', 'cm', '{{range $k, $v := .data}}{{$k}}={{$v}};{{end}}'],
  ['range-map-dot', 'cm', '{{range .data}}[{{.}}]{{end}}'],
  ['range-else', 'cm', '{{range .nope}}x{{else}}empty{{end}}'],
  [
    'range-break-continue',
    'svc',
    '{{range .spec.ports}}{{if eq .port 443}}{{continue}}{{end}}{{.port}}{{break}}{{end}}',
  ],
  [
    'if-else-if',
    'deploy',
    '{{if eq .spec.replicas 1}}one{{else if eq .spec.replicas 3}}three{{else}}many{{end}}',
  ],
  ['with-else', 'deploy', '{{with .nope}}yes{{else}}no{{end}} {{with .spec}}{{.replicas}}{{end}}'],
  ['else-with', 'deploy', '{{with .nope}}a{{else with .spec.strategy}}b{{else}}c{{end}}'],
  ['variables', 'deploy', '{{$n := .metadata.name}}{{$n}} {{$n = "other"}}{{$n}} {{$.kind}}'],
  ['and-or-not', 'deploy', '{{and 1 0 2}} {{or 0 "" "z"}} {{not .nope}} {{and .spec .kind}}'],
  [
    'comparisons',
    'svc',
    '{{range .spec.ports}}{{lt .port 100}} {{le .port 80}} {{gt .targetPort 8000}} {{ge .port 443}} {{ne .protocol "UDP"}};{{end}}',
  ],
  ['eq-multi', 'deploy', '{{eq .kind "Pod" "Deployment"}} {{eq .spec.replicas 3}}'],
  ['len', 'deploy', '{{len .spec.template.spec.containers}} {{len .metadata.name}} {{len .metadata.labels}}'],
  ['index', 'cm', '{{index .data "a"}} {{index .data "zz"}}|{{index .metadata.name 0}}'],
  [
    'printf-verbs',
    'deploy',
    '{{printf "%5s|%-5s|%05d|%q|%v|%x|%t" .metadata.name .kind .spec.replicas .metadata.name .spec.replicas .metadata.name true}}',
  ],
  ['printf-float', 'deploy', '{{printf "%.2f %e %g %v" 1.5 1234.5 0.000001 1e21}}'],
  [
    'printf-bad-verbs',
    'deploy',
    '{{printf "%d %s %z" .kind .spec.replicas 1}}|{{printf "%s %s" "a"}}|{{printf "%s" "a" 2 "b"}}',
  ],
  ['printf-pipe', 'deploy', '{{.metadata.name | printf "<%s>"}} {{.spec.replicas | printf "%03d"}}'],
  ['print-println', 'deploy', '{{print 1 2 "a" 3 "b"}}|{{println "x" 1 .nope}}|{{print .nope}}'],
  ['numbers', 'deploy', "{{1.5}} {{1e6}} {{0x1F}} {{1_000}} {{-7}} {{.0}} {{'a'}}"],
  ['strings', 'deploy', '{{"tab\\there"}}|{{`raw\\n`}}|{{"\\u00e9\\x41"}}'],
  ['bools-nil-cmp', 'deploy', '{{true}} {{false}} {{eq .nope .nope2}}'],
  ['trim-markers', 'deploy', 'a  \n  {{- .kind -}}  \n  b {{- /* c */ -}} c'],
  ['comment', 'deploy', 'x{{/* a comment */}}y'],
  [
    'exists',
    'deploy',
    '{{exists . "spec" "replicas"}} {{exists . "nope"}} {{exists .spec.template.spec.containers 0}} {{exists .spec.template.spec.containers 5}}',
  ],
  ['base64decode', 'secret', '{{range $k, $v := .data}}{{$k}}={{$v | base64decode}} {{end}}'],
  ['html-urlquery', 'deploy', '{{html "<a href=\'x\'>&</a>"}} {{urlquery "a b&c=d/é"}}'],
  ['parens', 'deploy', '{{(index .spec.template.spec.containers 0).name}} {{(len .metadata.labels)}}'],
  ['namespace-object', 'ns', '{{.apiVersion}} {{.kind}} {{.metadata.name}} {{.spec}} {{.status}}'],
  [
    'service-ports',
    'svc',
    '{{range .spec.ports}}{{.name}} {{.port}}->{{.targetPort}}/{{.protocol}}{{"\\n"}}{{end}}',
  ],
  [
    'define-template',
    'deploy',
    '{{define "T"}}<{{.}}>{{end}}{{template "T" .kind}}{{block "B" .metadata.name}}[{{.}}]{{end}}',
  ],
  // parse errors
  ['parse-unclosed-brace', 'deploy', '{{.metadata.name}'],
  ['parse-unclosed-action', 'deploy', '{{.metadata.name'],
  ['parse-unclosed-multiline', 'deploy', '{{if\n.kind}}\n{{.x'],
  ['parse-undefined-function', 'deploy', '{{nope .kind}}'],
  ['parse-undefined-variable', 'deploy', '{{$x}}'],
  ['parse-missing-end', 'deploy', '{{range .items}}x'],
  ['parse-unexpected-end', 'deploy', '{{end}}'],
  ['parse-unexpected-else', 'deploy', 'a\n{{else}}'],
  ['parse-missing-value', 'deploy', '{{if}}{{end}}'],
  ['parse-unterminated-string', 'deploy', '{{"abc}}'],
  ['parse-bad-number', 'deploy', '{{3x}}'],
  ['parse-non-executable', 'deploy', '{{.kind | "x"}}'],
  ['parse-break-outside', 'deploy', '{{break}}'],
  ['parse-unclosed-comment', 'deploy', '{{/* x'],
  ['parse-bad-character', 'deploy', '{{.kind#}}'],
  ['parse-dot-after-term', 'deploy', '{{"a".b}}'],
  // execution errors
  ['exec-index-type', 'deploy', '{{.metadata.name}} {{index .spec 1}}'],
  ['exec-index-range', 'deploy', '{{index .spec.template.spec.containers 5}}'],
  ['exec-field-of-string', 'deploy', 'before {{.metadata.name.foo}} after'],
  ['exec-nil-pointer', 'deploy', '{{.metadata.creationTimestamp.foo}}'],
  ['exec-len-int', 'deploy', '{{len .spec.replicas}}'],
  ['exec-range-string', 'deploy', '{{range .kind}}x{{end}}'],
  ['exec-range-int', 'deploy', '{{range .spec.replicas}}x{{end}}'],
  ['exec-eq-incompatible', 'deploy', '{{eq .spec.replicas "3"}}'],
  ['exec-lt-invalid', 'deploy', '{{lt .spec .spec}}'],
  ['exec-not-a-function', 'deploy', '{{.spec.replicas 1}}'],
  ['exec-wrong-args', 'deploy', '{{len .kind .kind}}'],
  ['exec-base64-invalid', 'deploy', '{{.metadata.name | base64decode}}'],
  ['exec-base64-wrong-type', 'deploy', '{{.spec.replicas | base64decode}}'],
  ['exec-multiline-position', 'deploy', 'line1\n  {{.kind}} {{index .metadata.labels 2}}'],
];

function run(args: string[]): { stdout: string; stderr: string; status: number } {
  const r = spawnSync('kubectl', args, { encoding: 'utf8', cwd: work });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status ?? 1 };
}

const work = mkdtempSync(join(tmpdir(), 'record-go-template-'));

function main(): void {
  const cases: Array<{ name: string; args: string[]; stdout: string; stderr: string; status: number }> = [];
  const add = (name: string, args: string[]) => cases.push({ name, args, ...run(args) });
  for (const [name, object, template] of TEMPLATES)
    add(name, [...OBJECTS[object], '--dry-run=client', '-o', `go-template=${template}`]);
  // the other ways of asking for a template (genericclioptions template_flags.go, print_flags.go)
  const deploy = [...OBJECTS.deploy, '--dry-run=client'];
  add('format-template', [...deploy, '-o', 'template={{.kind}}']);
  add('flag-template-only', [...deploy, '--template={{.metadata.name}}']);
  add('flag-template-with-format', [...deploy, '-o', 'go-template', '--template', '{{.spec.replicas}}']);
  add('format-without-template', [...deploy, '-o', 'go-template']);
  add('format-empty-template', [...deploy, '-o', 'go-template=']);
  add('file-missing', [...deploy, '-o', 'go-template-file=/nonexistent/t.tmpl']);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'cases.json'), `${JSON.stringify(cases, null, 2)}\n`);
  console.log(`${cases.length} cases written to ${OUT}cases.json`);
}

main();
