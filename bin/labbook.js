#!/usr/bin/env node
// Entry point of the `labbook` command: Node >= 22.12 runs the TypeScript sources directly.
import { main } from '../src/cli/main.ts';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`labbook: internal error: ${error?.stack ?? error}\n`);
    process.exitCode = 70;
  },
);
