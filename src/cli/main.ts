// The labbook command line: check, sh, build, dev, export, serve. Usage errors exit with status 2.
import { parseArgs } from 'node:util';
import type { BackendName } from '../notebook/backend.ts';
import { check } from './check.ts';
import { sh } from './sh.ts';

const USAGE = `usage: labbook <command> [options]

commands:
  check [PATH...]   run every note under PATH (default: content/) and compare outputs
      --update            rewrite expected outputs in place
      --fill              with --update, also write the output of commands that have none
      --reporter json     machine-readable results
      --no-cache          run every note even if unchanged
      --jobs N            worker threads (default: one per core)
      --backend B         where commands run: engine (default) or linux (a private
                          throw-away host per session on this machine; needs root) or kube
                          (the real kubectl against your kubeconfig's cluster, one fresh
                          namespace per note, deleted afterwards)
      --context NAME      with --backend kube: the kubeconfig context (default: current)
  sh [FILE [ARG...]]  run a bash script in a fresh engine world (interactive without FILE)
  build             check every note while building the site into dist/, with its search
                    index and exports
  dev               preview the site with live re-verification
  export FORMAT [--out DIR] [CONTENT]
                    flashcards and quizzes from the notes: anki, anki-tsv, moodle-xml, gift,
                    quiz-json, snippets, or all (default DIR: exports/)
  serve --kube-api [--port N] [--kubeconfig FILE] [--seed SEED] [--name NAME] [--clock wall|writes]
                    serve a simulated kind cluster's Kubernetes API on 127.0.0.1 for the
                    real kubectl (writes FILE, prints the KUBECONFIG export); its time
                    flows with the wall clock, or only with writes
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check': {
      let parsed: ReturnType<typeof parseCheck>;
      try {
        parsed = parseCheck(rest);
      } catch (e) {
        process.stderr.write(`labbook check: ${(e as Error).message}\n${USAGE}`);
        return 2;
      }
      const summary = await check(parsed);
      return summary.failed > 0 ? 1 : 0;
    }
    case 'sh':
      return sh(rest);
    case 'build': {
      const { build } = await import('../site/build.ts');
      return build(rest);
    }
    case 'export': {
      const { exportCommand } = await import('../exports/command.ts');
      return exportCommand(rest);
    }
    case 'serve': {
      const { serveCommand } = await import('../serve/kube-api.ts');
      return serveCommand(rest);
    }
    case 'dev': {
      const { dev } = await import('../site/build.ts');
      return dev(rest);
    }
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`labbook: unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}

function parseCheck(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      update: { type: 'boolean', default: false },
      fill: { type: 'boolean', default: false },
      reporter: { type: 'string', default: 'human' },
      'no-cache': { type: 'boolean', default: false },
      jobs: { type: 'string', default: '0' },
      backend: { type: 'string', default: 'engine' },
      context: { type: 'string' },
    },
  });
  if (values.reporter !== 'human' && values.reporter !== 'json')
    throw new Error(`unknown reporter "${values.reporter}" (human, json)`);
  if (values.backend !== 'engine' && values.backend !== 'linux' && values.backend !== 'kube')
    throw new Error(`unknown backend "${values.backend}" (engine, linux, kube)`);
  if (values.context !== undefined && values.backend !== 'kube')
    throw new Error('--context is for --backend kube');
  if (values.backend !== 'engine' && values.update)
    throw new Error("--update writes the engine's output; use it with --backend engine");
  if (!/^\d+$/.test(values.jobs)) throw new Error(`--jobs expects a number, not "${values.jobs}"`);
  return {
    paths: positionals,
    update: values.update,
    fill: values.fill,
    reporter: values.reporter as 'human' | 'json',
    cache: !values['no-cache'],
    jobs: Number(values.jobs),
    backend: values.backend as BackendName,
    context: values.context,
  };
}
