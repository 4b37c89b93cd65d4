// The engine's public surface: worlds, sessions and script runs.

export { BudgetExceeded } from './core/budget.ts';
export { type CommandResult, runScript, type ScriptResult, Session } from './session.ts';
export { parseScript, ShellSyntaxError } from './shell/syntax.ts';
export { ENGINE_VERSION } from './version.ts';
export { createWorld, type World, type WorldOptions } from './world.ts';
