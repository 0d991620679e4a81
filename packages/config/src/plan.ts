import type { FilterLike, Handler, QueueListener } from '@logweave/core';

/** A handler of the new topology. */
export interface BuiltHandler {
  readonly name: string;
  readonly handler: Handler;
  /** True when the live handler of the same name and configuration is carried over. */
  readonly reused: boolean;
  readonly fingerprint: string;
  /** Whether the file must be opened after the swap (its config did not ask for `delay`). */
  readonly eagerOpen: boolean;
  /** A listener to start after the swap (QueueHandler with `handlers`). */
  readonly listener: QueueListener<unknown> | null;
}

/** What one logger becomes. Absent fields are left as they are. */
export interface LoggerPlan {
  readonly name: string;
  readonly level?: number;
  readonly propagate?: boolean;
  readonly handlers?: readonly Handler[];
  readonly filters?: readonly FilterLike[];
}

/** The whole new topology, built aside. */
export interface Plan {
  readonly incremental: boolean;
  readonly disableExisting: boolean;
  readonly handlers: readonly BuiltHandler[];
  readonly loggers: readonly LoggerPlan[];
  readonly root: LoggerPlan | null;
  readonly handlerLevels: readonly (readonly [Handler, number])[];
}
