import { setTimeout as sleep } from "node:timers/promises";
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { AppError } from "../../core/errors.js";

/**
 * Calls to an OpenAI-compatible server that can fail: a deadline per attempt, bounded retries with
 * backoff (honouring retry-after), and a short, safe reason ("upstream 503") for whatever failed. Raw
 * upstream messages stay in `cause` for logs and never reach the user.
 */

export interface RetryPolicy {
  maxRetries: number;
  /** First backoff; doubles per retry, with jitter. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A retry-after longer than this is not waited for: the caller falls back at once. */
  maxRetryAfterMs?: number;
}

/** A failed upstream call, after any retries; `reason` is safe to show ("upstream 429", "upstream timeout"). */
export class UpstreamError extends AppError {
  constructor(
    readonly reason: string,
    readonly retryable: boolean,
    readonly retryAfterMs: number | undefined,
    cause: unknown,
  ) {
    super("UPSTREAM_FAILED", `The language model server failed: ${reason}`, { cause, details: { reason } });
  }
}

/** The failure of a call that made no progress for its whole timeout. */
export const timeoutError = (cause?: unknown): UpstreamError => new UpstreamError("upstream timeout", true, undefined, cause);

/**
 * A per-attempt abort signal that fires after `timeoutMs` without progress (`touch()` restarts the clock)
 * or when the caller's signal fires, so a stalled stream is cut as surely as slow headers.
 */
export class Deadline {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private expired = false;

  constructor(
    private readonly timeoutMs: number,
    private readonly outer?: AbortSignal,
  ) {
    this.signal = outer ? AbortSignal.any([outer, this.controller.signal]) : this.controller.signal;
    this.touch();
  }

  get timedOut(): boolean {
    return this.expired;
  }

  touch(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.expired = true;
      this.controller.abort(new Error(`no progress for ${this.timeoutMs} ms`));
    }, this.timeoutMs);
  }

  clear(): void {
    clearTimeout(this.timer);
  }

  /** Turns what an aborted or failed call threw into the caller's abort, a timeout, or an UpstreamError. */
  explain(err: unknown): unknown {
    if (this.outer?.aborted) return this.outer.reason;
    if (this.expired) return timeoutError(err);
    return toUpstreamError(err);
  }
}

/** Classifies errors of the openai SDK; anything else is a bug here and is returned unchanged. */
export function toUpstreamError(err: unknown): unknown {
  if (err instanceof UpstreamError) return err;
  if (err instanceof APIConnectionTimeoutError) return timeoutError(err);
  if (err instanceof APIUserAbortError) return err;
  if (err instanceof APIConnectionError) return new UpstreamError("upstream unreachable", true, undefined, err);
  if (err instanceof APIError) {
    const status = err.status;
    if (status === undefined) return new UpstreamError("upstream stream error", false, undefined, err);
    const retryable = status === 408 || status === 409 || status === 429 || status >= 500;
    return new UpstreamError(`upstream ${status}`, retryable, retryAfterMs(err.headers), err);
  }
  return err;
}

/**
 * Runs `attempt` until it succeeds, a non-retryable error occurs, or retries run out. On success the
 * attempt's deadline is handed over still running, so a stream can keep touching it; clear it when done.
 */
export async function withRetries<T>(
  attempt: (deadline: Deadline) => Promise<T>,
  timeoutMs: number,
  policy: RetryPolicy,
  signal?: AbortSignal,
): Promise<{ value: T; deadline: Deadline }> {
  const { maxRetries, baseDelayMs = 250, maxDelayMs = 2_000, maxRetryAfterMs = 5_000 } = policy;
  for (let retry = 0; ; retry++) {
    const deadline = new Deadline(timeoutMs, signal);
    try {
      return { value: await attempt(deadline), deadline };
    } catch (err) {
      deadline.clear();
      const failure = deadline.explain(err);
      if (!(failure instanceof UpstreamError) || !failure.retryable || retry >= maxRetries) throw failure;
      const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** retry) * (0.5 + Math.random() / 2);
      const wait = failure.retryAfterMs ?? backoff;
      if (wait > maxRetryAfterMs) throw failure;
      await sleep(wait, undefined, { signal }).catch((sleepErr: unknown) => {
        throw signal?.aborted ? signal.reason : sleepErr;
      });
    }
  }
}

/** retry-after-ms (OpenAI's) or retry-after in seconds or as an HTTP date. */
function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = Number.parseFloat(headers?.get("retry-after-ms") ?? "");
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.get("retry-after");
  if (!value) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
