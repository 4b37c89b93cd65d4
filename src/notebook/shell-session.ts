// A long-lived bash child fed command by command: after each command a random marker line
// carries its exit status back (the sentinel protocol), with a per-command timeout. The Linux
// and kube backends build their sessions on it.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import type { BackendName, BackendResult, BackendSession } from './backend.ts';

export interface ShellSessionOptions {
  /** The backend's name, for messages. */
  backend: BackendName;
  /** Longest a command may run before the session is stopped. */
  timeoutMs: number;
  /** Directory (as the shell sees it) where script blocks are written before running. */
  scriptsDir: string;
}

export const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export class ShellSession implements BackendSession {
  private output = '';
  private readonly decoder = new StringDecoder('utf8');
  private readonly marker = `__labbook_${randomBytes(8).toString('hex')}_`;
  private waiter: (() => void) | null = null;
  private exitStatus: number | null = null;
  private readonly exited: Promise<void>;
  private readonly child: ChildProcess;
  protected readonly options: ShellSessionOptions;

  /** `child` must be a bash (or a wrapper running one) with piped stdio, spawned detached. */
  constructor(child: ChildProcess, options: ShellSessionOptions) {
    this.child = child;
    this.options = options;
    const onData = (chunk: Buffer) => {
      this.output += this.decoder.write(chunk);
      this.waiter?.();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.stdin!.on('error', () => {});
    this.exited = new Promise((resolve) => {
      child.once('close', (code, signal) => {
        this.exitStatus = code ?? (signal ? 128 + 9 : 1);
        resolve();
        this.waiter?.();
      });
      child.once('error', (e) => {
        this.output += `${e.message}\n`;
        this.exitStatus = 127;
        resolve();
        this.waiter?.();
      });
    });
  }

  get closed(): boolean {
    return this.exitStatus !== null;
  }

  /** Writes `text` to the innermost shell, then a line printing the marker and the status. */
  protected async exchange(text: string): Promise<BackendResult> {
    if (this.closed) return { output: '', status: 1 };
    this.output = '';
    const done = new RegExp(`${this.marker}(\\d+)\n`);
    this.child.stdin!.write(
      `${text.endsWith('\n') ? text : `${text}\n`}printf '%s%d\\n' ${this.marker} "$?"\n`,
    );
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const result = await new Promise<BackendResult>((resolve) => {
      const check = () => {
        const m = done.exec(this.output);
        if (m) resolve({ output: this.output.slice(0, m.index), status: Number(m[1]) });
        else if (this.closed) resolve({ output: this.output, status: this.exitStatus! });
        else if (timedOut) {
          const seconds = this.options.timeoutMs / 1000;
          const message = `the command ran longer than ${seconds}s on ${this.options.backend}; its session was stopped`;
          resolve({ output: this.output, status: 124, budget: { message } });
        }
      };
      this.waiter = check;
      timer = setTimeout(() => {
        timedOut = true;
        check();
      }, this.options.timeoutMs);
      check();
    });
    clearTimeout(timer);
    this.waiter = null;
    if (result.budget) await this.close();
    return result;
  }

  run(command: string): Promise<BackendResult> {
    return this.exchange(command);
  }

  async runScript(body: string, name: string): Promise<BackendResult> {
    const path = `${this.options.scriptsDir}/${name.replace(/\//g, '_')}`;
    await this.writeFile(path, body.endsWith('\n') ? body : `${body}\n`);
    // `bash -c` with $0 set to NAME reports errors as `bash NAME` does; no terminal input.
    return this.exchange(`bash -c "$(< ${shellQuote(path)})" ${shellQuote(name)} </dev/null`);
  }

  async writeFile(path: string, content: string, mode?: number): Promise<void> {
    const data = Buffer.from(content, 'utf8').toString('base64');
    const chmod = mode !== undefined ? ` && chmod ${mode.toString(8)} ${shellQuote(path)}` : '';
    const r = await this.exchange(
      `mkdir -p "$(dirname ${shellQuote(path)})" && printf %s ${shellQuote(data)} | base64 -d > ${shellQuote(path)}${chmod}`,
    );
    if (r.status !== 0)
      throw new Error(`labbook: --backend ${this.options.backend} could not write ${path}: ${r.output}`);
  }

  /** Kills the session's process group and waits for the end. */
  async close(): Promise<void> {
    if (this.exitStatus === null && this.child.pid !== undefined) {
      try {
        process.kill(-this.child.pid, 'SIGKILL');
      } catch {}
    }
    this.child.stdin!.destroy();
    await this.exited;
  }
}
