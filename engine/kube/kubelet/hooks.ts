// Container lifecycle hooks (pkg/kubelet/lifecycle/handlers.go, kuberuntime_container.go):
// postStart right after the container starts, preStop at the start of a graceful stop. Exec
// hooks fail on a non-zero exit status; httpGet hooks only when no connection is made (the
// response status is not looked at). The events never quote the hook's output.
import { execAction, type HandlerTarget, httpGetAction } from './handlers.ts';

// biome-ignore lint/suspicious/noExplicitAny: lifecycle specs are open JSON
type Json = any;

export interface HookRun {
  failed: boolean;
  /** Simulated ms the hook took. */
  tookMs: number;
}

export function runHook(target: HandlerTarget, handler: Json): HookRun {
  if (handler?.exec) {
    const before = target.nowMs;
    const result = execAction(target, handler.exec.command ?? []);
    return { failed: result.outcome !== 'success', tookMs: Math.max(0, hookClock(target) - before) };
  }
  if (handler?.httpGet) {
    const result = httpGetAction(target, handler.httpGet);
    return { failed: result.output.startsWith('Get "'), tookMs: 0 };
  }
  if (handler?.sleep) return { failed: false, tookMs: Number(handler.sleep.seconds ?? 0) * 1000 };
  return { failed: false, tookMs: 0 };
}

function hookClock(target: HandlerTarget): number {
  return target.fs.clock();
}

/** kuberuntime_container.go: the Warning events of failed hooks. */
export const POST_START_FAILED = { reason: 'FailedPostStartHook', message: 'PostStartHook failed' };
export const PRE_STOP_FAILED = { reason: 'FailedPreStopHook', message: 'PreStopHook failed' };
/** killContainer's message when a postStart hook failed. */
export const POST_START_KILL_MESSAGE = 'FailedPostStartHook';
