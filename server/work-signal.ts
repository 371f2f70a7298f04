import type { Response } from "express";
import { isAppError, type AppError } from "../core/errors.js";
import { SHUTTING_DOWN, type Drain } from "./drain.js";

export interface WorkSignal {
  signal: AbortSignal;
  /** The SHUTTING_DOWN error when the shutdown grace ended the work, else undefined (the client left, or nothing). */
  readonly shutdown: AppError | undefined;
  /** Stops listening for the deadline; call when the work is done. */
  release(): void;
}

/** The signal a request's engine work runs under: aborted when the client hangs up or the shutdown grace ends. */
export function workSignal(res: Response, drain: Drain): WorkSignal {
  const abort = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) abort.abort();
  });
  const release = drain.onDeadline(() => abort.abort(SHUTTING_DOWN()));
  return {
    signal: abort.signal,
    get shutdown() {
      const reason: unknown = abort.signal.reason;
      return isAppError(reason) ? reason : undefined;
    },
    release,
  };
}
