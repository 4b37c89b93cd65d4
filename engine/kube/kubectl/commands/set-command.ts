// The `kubectl set` command table entry: image, env, resources and serviceaccount (sa), each
// with set.go's subcommand names.
import { KubectlError } from '../context.ts';
import type { ParsedFlags } from '../flags.ts';
import { SET_FLAGS } from './set.ts';
import { setEnv } from './set-env.ts';
import { setResources, setServiceAccount } from './set-resources.ts';
import type { CommandTable } from './types.ts';
import { setImage } from './workloads.ts';

const without = (flags: ParsedFlags): ParsedFlags => ({ ...flags, args: flags.args.slice(1) });

export const SET_COMMANDS: CommandTable = {
  set: {
    flags: SET_FLAGS,
    run(k, flags) {
      const [sub] = flags.args;
      if (sub === 'image') return setImage(k, flags);
      if (sub === 'env') return setEnv(k, without(flags));
      if (sub === 'resources') return setResources(k, without(flags));
      if (sub === 'serviceaccount' || sub === 'sa') return setServiceAccount(k, without(flags));
      throw new KubectlError(`error: unknown command "${sub}" for "kubectl set"`);
    },
  },
};
