import { setTaskNameProvider } from '@logweave/core';
import { ContextVar, copyContext } from './context-var.js';

/** The current task's name (`taskName` on records once `enableTaskNames()` ran). */
export const taskNameVar: ContextVar<string | null> = new ContextVar<string | null>('taskName', {
  default: null,
});

let counter = 0;

const provider = (): string | null => taskNameVar.peek() ?? null;

/**
 * Makes records take `taskName` from the async context (Python 3.12 fills it with the
 * current asyncio task's name): wires core's task-name provider to {@link taskNameVar}.
 * Returns a function that removes the provider.
 */
export function enableTaskNames(): () => void {
  setTaskNameProvider(provider);
  return () => setTaskNameProvider(null);
}

/** Options of {@link createTask}. */
export interface CreateTaskOptions {
  /** The task's name. @default `Task-<n>`, numbered from 1 as asyncio does */
  name?: string;
}

/**
 * Python's `asyncio.create_task(coro, name=...)`: runs `fn` in a copy of the current context
 * with its own task name, and returns its promise. Values it sets stay in the task.
 */
export function createTask<R>(
  fn: () => R | Promise<R>,
  options: CreateTaskOptions = {},
): Promise<R> {
  const name = options.name ?? `Task-${++counter}`;
  return copyContext().run(() => taskNameVar.run(name, async () => await fn()));
}
