import type { ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import { AppError } from "../core/errors.js";

/** The reason handed to in-flight work cut short by a shutdown; routes answer with it (503 or an SSE `error`). */
export const SHUTTING_DOWN = (): AppError => new AppError("SHUTTING_DOWN", "The server is restarting; try again shortly");

/**
 * Graceful shutdown bookkeeping: which responses are in flight, and who wants to hear when the grace period
 * runs out. `listen` tracks every response; `createApp` refuses new requests once `start()` was called.
 */
export class Drain {
  #draining = false;
  readonly #inFlight = new Set<ServerResponse>();
  readonly #onDeadline = new Set<() => void>();
  readonly #idle = new Set<() => void>();

  get draining(): boolean {
    return this.#draining;
  }

  get inFlight(): number {
    return this.#inFlight.size;
  }

  /** Counts a response until it closes (finished or not). */
  track(res: ServerResponse): void {
    this.#inFlight.add(res);
    if (this.#draining && !res.headersSent) res.setHeader("Connection", "close");
    res.once("close", () => {
      this.#inFlight.delete(res);
      if (this.#inFlight.size === 0) for (const resolve of this.#idle) resolve();
    });
  }

  /**
   * Registers work to cut short when the grace period ends (a chat stream that must still say why it
   * stops); returns the function that unregisters it once the work is done.
   */
  onDeadline(stop: () => void): () => void {
    this.#onDeadline.add(stop);
    return () => this.#onDeadline.delete(stop);
  }

  /**
   * Starts draining: responses not yet begun will close their connection, new requests get 503. Resolves
   * once nothing is in flight, or after `graceMs`, when deadline work is told to stop; then waits up to
   * `settleMs` more for it to say so.
   */
  async drain(graceMs: number, settleMs = 1_000): Promise<void> {
    this.#draining = true;
    for (const res of this.#inFlight) if (!res.headersSent) res.setHeader("Connection", "close");
    if (await this.#idleWithin(graceMs)) return;
    for (const stop of [...this.#onDeadline]) stop();
    await this.#idleWithin(settleMs);
  }

  /** Resolves once the responses in flight now have all closed (later ones are not waited for). */
  async settled(): Promise<void> {
    await Promise.all([...this.#inFlight].map((res) => (res.closed ? undefined : new Promise((r) => res.once("close", r)))));
  }

  /** Answers 503 SHUTTING_DOWN (and closes the connection) once draining has started. */
  readonly guard: RequestHandler = (_req, res, next) => {
    if (!this.#draining) return next();
    res.set({ Connection: "close", "Retry-After": "1" });
    throw SHUTTING_DOWN();
  };

  #idleWithin(ms: number): Promise<boolean> {
    if (this.#inFlight.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (idle: boolean) => {
        clearTimeout(timer);
        this.#idle.delete(onIdle);
        resolve(idle);
      };
      const onIdle = () => done(true);
      const timer = setTimeout(() => done(false), ms);
      this.#idle.add(onIdle);
    });
  }
}
