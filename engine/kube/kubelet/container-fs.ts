// The live file system of one running container: its own world, brought up to a given
// instant by replaying what the main process changed until then, in which probes, lifecycle
// hooks and `kubectl exec` run their commands (their changes stay, as in a real container),
// in the pod's network namespace.
import type { World } from '../../world.ts';
import { replayFsOp } from './fs-journal.ts';
import { type ImageTools, imageTools } from './image-tools.ts';
import type { ContainerNet } from './pod-network.ts';
import { containerWorld, joinNet, type ProcessRun, runIn } from './process.ts';

/** How long a command run inside a container may take, in simulated ms. */
const EXEC_LIMIT_MS = 60_000;

export class ContainerFs {
  private world: World | null = null;
  private applied = 0;

  private readonly hostname: string;
  private readonly seed: string;
  private readonly startMs: number;
  private readonly files: Record<string, string>;
  private readonly main: ProcessRun | undefined;
  private readonly dirs: string[];
  private readonly net: ContainerNet | undefined;
  /** The image's programs and shell; null (an unknown image): every engine command. */
  private readonly tools: ImageTools | null;

  constructor(
    hostname: string,
    seed: string,
    startMs: number,
    files: Record<string, string>,
    main: ProcessRun | undefined,
    dirs: string[] = [],
    net?: ContainerNet,
    image?: string,
  ) {
    this.tools = imageTools(image);
    this.net = net;
    this.dirs = dirs;
    this.hostname = hostname;
    this.seed = seed;
    this.startMs = startMs;
    this.files = files;
    this.main = main;
  }

  /** The container world's clock: after an exec, the instant the command finished. */
  clock(): number {
    return this.world?.clock.now() ?? this.startMs;
  }

  /** Runs argv in the container at simulated instant `nowMs`. */
  exec(argv: string[], env: Record<string, string>, nowMs: number): ProcessRun {
    if (!this.world) {
      this.world = containerWorld(
        this.hostname,
        this.seed,
        this.startMs,
        this.files,
        EXEC_LIMIT_MS,
        this.dirs,
        this.tools,
      );
      // commands run now, against the node's live network (its pipeline and timers)
      if (this.net) joinNet(this.world, this.net, true);
    }
    const world = this.world;
    const ops = this.main?.fsOps ?? [];
    while (this.applied < ops.length && this.startMs + ops[this.applied].at <= nowMs) {
      const op = ops[this.applied++];
      world.clock.advance(this.startMs + op.at - world.clock.now());
      replayFsOp(world.mainHost.fs, op);
    }
    world.clock.advance(nowMs - world.clock.now());
    return runIn(world, argv, env, this.hostname, this.net?.ns ?? null, this.tools);
  }
}
