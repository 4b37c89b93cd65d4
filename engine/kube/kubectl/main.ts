// The kubectl command: global flags, the subcommand table, and kubectl's error handling
// (messages on stderr, exit status 1).
import type { CommandContext } from '../../commands/types.ts';
import { SelectorError } from '../api/selectors.ts';
import { StatusError } from '../apiserver/errors.ts';
import { APPLY_FLAGS, apply, createFromFiles } from './commands/apply.ts';
import { apiResources, apiVersions, clusterInfo, config, version } from './commands/basic.ts';
import { create } from './commands/create.ts';
import { remove } from './commands/delete.ts';
import { EDIT_COMMANDS } from './commands/edit.ts';
import { EXPLAIN_COMMANDS } from './commands/explain.ts';
import { GET_FLAGS, get } from './commands/get.ts';
import { INSPECT_COMMANDS } from './commands/inspect.ts';
import { NODE_COMMANDS } from './commands/nodes.ts';
import { PATCH_COMMANDS } from './commands/patch.ts';
import { describe, exec, LOGS_FLAGS, logs } from './commands/pods.ts';
import { REPLACE_COMMANDS } from './commands/replace.ts';
import { rollout } from './commands/rollout.ts';
import { SET_COMMANDS } from './commands/set-command.ts';
import { TOP_COMMANDS } from './commands/top.ts';
import { COMMON, type CommandTable, flag } from './commands/types.ts';
import { wait } from './commands/wait.ts';
import { labelOrAnnotate, run, SCALE_FLAGS, scale } from './commands/workloads.ts';
import { formatError, KubectlError, makeKubectl } from './context.ts';
import { FlagError, type FlagSpec, list, type ParsedFlags, parseFlags, str } from './flags.ts';
import { applyTemplateFlags } from './output/go-template/flags.ts';
import { GoTemplateError } from './output/go-template/index.ts';
import { CustomColumnsError, JsonPathError, YamlError } from './output/index.ts';

const GLOBAL: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'kubeconfig', type: 'string' },
  { name: 'cluster', type: 'string' },
  { name: 'user', type: 'string' },
  { name: 'v', short: 'v', type: 'string' },
  { name: 'request-timeout', type: 'string' },
  // printing flags (genericclioptions template_flags.go), accepted everywhere for simplicity
  { name: 'template', type: 'string' },
  { name: 'allow-missing-template-keys', type: 'bool' },
];

const s = flag;

const CORE_COMMANDS: CommandTable = {
  get: { flags: GET_FLAGS as readonly FlagSpec[], run: get },
  apply: { flags: APPLY_FLAGS as readonly FlagSpec[], run: apply },
  create: {
    flags: [
      ...COMMON,
      s('image', 'strings'),
      s('replicas', 'string', 'r'),
      s('port'),
      s('from-literal'),
      s('from-file', 'strings'),
      s('from-env-file', 'strings'),
      s('type'),
      s('save-config', 'bool'),
      s('validate'),
      s('field-manager'),
      s('append-hash', 'bool'),
      s('docker-server'),
      s('docker-username'),
      s('docker-password'),
      s('docker-email'),
      s('cert'),
      s('key'),
      s('tcp', 'strings'),
      s('clusterip'),
      s('node-port'),
      s('external-name'),
      s('hard'),
      s('scopes'),
      s('schedule'),
      s('restart'),
      s('from'),
      s('verb', 'strings'),
      s('resource', 'strings'),
      s('resource-name'),
      s('non-resource-url', 'strings'),
      s('aggregation-rule', 'strings'),
      s('role'),
      s('clusterrole'),
      s('user'),
      s('group'),
      s('serviceaccount'),
      s('value'),
      s('description'),
      s('global-default', 'bool'),
      s('preemption-policy'),
      s('class'),
      s('rule'),
      s('default-backend'),
      s('annotation'),
      s('min-available'),
      s('max-unavailable'),
      s('duration'),
      s('audience'),
      s('bound-object-kind'),
      s('bound-object-name'),
      s('bound-object-uid'),
    ],
    run: (k, f) => (list(f, 'filename').length > 0 ? createFromFiles(k, f) : create(k, f)),
  },
  delete: { flags: [...(APPLY_FLAGS as readonly FlagSpec[]), s('field-selector')], run: remove },
  run: {
    flags: [
      // run's -l is --labels (run.go), not a selector
      ...COMMON.filter((f) => f.name !== 'selector'),
      s('image'),
      s('labels', 'string', 'l'),
      s('env', 'strings'),
      s('port'),
      s('restart'),
      s('command', 'bool'),
      s('rm', 'bool'),
      s('stdin', 'bool', 'i'),
      s('tty', 'bool', 't'),
    ],
    run,
  },
  scale: { flags: SCALE_FLAGS, run: scale },
  label: {
    flags: [...COMMON, s('overwrite', 'bool'), s('all', 'bool'), s('list', 'bool')],
    run: (k, f) => labelOrAnnotate(k, f, 'labels'),
  },
  annotate: {
    flags: [...COMMON, s('overwrite', 'bool'), s('all', 'bool')],
    run: (k, f) => labelOrAnnotate(k, f, 'annotations'),
  },
  rollout: {
    flags: [...COMMON, s('revision'), s('to-revision'), s('watch', 'bool', 'w'), s('timeout')],
    run: rollout,
  },
  describe: { flags: [...COMMON, s('show-events')], run: describe },
  logs: { flags: LOGS_FLAGS, run: logs },
  exec: {
    flags: [
      ...COMMON,
      s('container', 'string', 'c'),
      s('stdin', 'bool', 'i'),
      s('tty', 'bool', 't'),
      s('quiet', 'bool', 'q'),
      s('pod-running-timeout'),
    ],
    run: exec,
  },
  wait: {
    flags: [...COMMON, s('for'), s('timeout'), s('all', 'bool'), s('field-selector')],
    run: wait,
  },
  version: { flags: [...COMMON, s('client', 'bool')], run: version },
  'cluster-info': { flags: COMMON, run: clusterInfo },
  'api-versions': { flags: COMMON, run: apiVersions },
  'api-resources': {
    flags: [
      ...COMMON,
      s('namespaced', 'bool'),
      s('api-group'),
      s('verbs', 'strings'),
      s('categories', 'strings'),
      s('cached', 'bool'),
      s('sort-by'),
      s('no-headers', 'bool'),
    ],
    run: apiResources,
  },
  config: { flags: [...COMMON, s('current', 'bool'), s('raw', 'bool'), s('minify', 'bool')], run: config },
};

const COMMANDS: CommandTable = {
  ...CORE_COMMANDS,
  ...NODE_COMMANDS,
  ...PATCH_COMMANDS,
  ...INSPECT_COMMANDS,
  ...TOP_COMMANDS,
  ...EXPLAIN_COMMANDS,
  ...SET_COMMANDS,
  ...REPLACE_COMMANDS,
  ...EDIT_COMMANDS,
};

/**
 * kubectl's visible commands in the order cmd.go adds them (cobra's command sorting is off):
 * the help's groups, then the other commands; what cobra's SuggestionsFor walks.
 */
const VISIBLE_COMMANDS = [
  ...['create', 'expose', 'run', 'set', 'explain', 'get', 'edit', 'delete', 'rollout', 'scale'],
  ...['autoscale', 'certificate', 'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint'],
  ...['describe', 'logs', 'attach', 'exec', 'port-forward', 'proxy', 'cp', 'auth', 'debug', 'events'],
  ...['diff', 'apply', 'patch', 'replace', 'wait', 'kustomize', 'label', 'annotate', 'completion'],
  ...['config', 'plugin', 'version', 'api-versions', 'api-resources', 'options'],
];

/** cobra's ld: Levenshtein distance, case-insensitive. */
function levenshtein(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let row = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const next = [i];
    for (let j = 1; j <= t.length; j++)
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1));
    row = next;
  }
  return row[t.length];
}

/**
 * cobra's "unknown command" error with its suggestions (SuggestionsFor: distance at most 2 or a
 * prefix), printed by cobra as `Error: ...` (checked against the real kubectl 1.32.4).
 */
function unknownCommand(name: string): string {
  const suggestions = VISIBLE_COMMANDS.filter(
    (c) => levenshtein(name, c) <= 2 || c.toLowerCase().startsWith(name.toLowerCase()),
  );
  const hint = suggestions.length
    ? `\n\nDid you mean this?\n${suggestions.map((c) => `\t${c}\n`).join('')}`
    : '';
  return `Error: unknown command "${name}" for "kubectl"${hint}\n`;
}

export function kubectl(ctx: CommandContext): number {
  const argv = ctx.argv.slice(1);
  const name = argv.find(
    (a, i) =>
      !a.startsWith('-') &&
      !(i > 0 && /^(-n|--namespace|--context|--kubeconfig|--cluster|--user)$/.test(argv[i - 1])),
  );
  if (!name) {
    ctx.stdout.write(
      'kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n',
    );
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    ctx.stderr.write(unknownCommand(name));
    return 1;
  }
  const rest = [...argv];
  rest.splice(argv.indexOf(name), 1);
  let flags: ParsedFlags;
  try {
    flags = parseFlags(rest, [
      ...GLOBAL,
      ...command.flags.filter((f) => !GLOBAL.some((g) => g.name === f.name)),
    ]);
  } catch (e) {
    if (e instanceof FlagError) {
      ctx.stderr.write(`Error: ${e.message}\nSee 'kubectl ${name} --help' for usage.\n`);
      return 1;
    }
    throw e;
  }
  try {
    applyTemplateFlags(ctx, flags);
    const k = makeKubectl(ctx, {
      namespace: str(flags, 'namespace'),
      context: str(flags, 'context'),
      kubeconfig: str(flags, 'kubeconfig'),
    });
    return command.run(k, flags);
  } catch (e) {
    if (
      e instanceof KubectlError ||
      e instanceof StatusError ||
      e instanceof JsonPathError ||
      e instanceof CustomColumnsError ||
      e instanceof YamlError ||
      e instanceof SelectorError
    ) {
      if (e instanceof CustomColumnsError || e instanceof GoTemplateError) ctx.stdout.write(e.output);
      ctx.stderr.write(`${formatError(e)}\n`);
      return e instanceof KubectlError ? e.status : 1;
    }
    throw e;
  }
}
