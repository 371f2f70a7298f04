import cluster, { type Worker } from "node:cluster";
import path from "node:path";
import type { Logger } from "pino";
import type { Config } from "../core/config.js";
import { isAppError } from "../core/errors.js";
import { readIndexInfo, storeLocation } from "../ingest/index.js";

export interface ClusterOptions {
  /** The script each worker runs: the single-process start path (server/main.ts). */
  exec: string;
  /** How long SIGTERM waits for the workers to drain before killing them. */
  drainMs?: number;
  /** More exits than this within RESTART_WINDOW_MS means the workers cannot start: stop replacing them. */
  maxRestarts?: number;
}

const RESTART_WINDOW_MS = 30_000;
const INDEX_POLL_MS = 250;

/**
 * The primary of `WEB_CONCURRENCY` server processes on one port (node:cluster hands connections to the workers in
 * turn). Each worker runs the ordinary start path and opens the same index files. When there is no index yet one
 * worker builds it and the others start once it is written, so the index is built once. A worker that dies is
 * replaced; SIGTERM or SIGINT is passed on to every worker as SIGTERM (each drains and exits), and the primary exits
 * once they all have: 0 when all exited cleanly.
 */
export async function runCluster(config: Readonly<Config>, logger: Logger, { exec, drainMs = 15_000, maxRestarts }: ClusterOptions): Promise<number> {
  const size = config.server.webConcurrency;
  const restartLimit = maxRestarts ?? 2 * size;
  cluster.setupPrimary({ exec: path.resolve(exec) });
  let stopping = false;
  let failed = false;
  let allExited: () => void = () => {};
  const done = new Promise<void>((resolve) => (allExited = resolve));
  const live = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
  const exits: number[] = [];

  const stop = () => {
    if (stopping) return;
    stopping = true;
    logger.info(`stopping ${live().length} workers`);
    for (const w of live()) w.process.kill("SIGTERM");
    setTimeout(() => live().forEach((w) => w.process.kill("SIGKILL")), drainMs).unref();
    if (live().length === 0) allExited();
  };

  cluster.on("exit", (worker: Worker, code: number | null, signal: string | null) => {
    if (stopping) {
      failed ||= code !== 0;
      if (live().length === 0) allExited();
      return;
    }
    exits.push(Date.now());
    while (exits[0]! < Date.now() - RESTART_WINDOW_MS) exits.shift();
    if (exits.length > restartLimit) {
      logger.fatal(`${exits.length} workers exited within ${RESTART_WINDOW_MS / 1000} s: giving up`);
      failed = true;
      stop();
      return;
    }
    logger.warn({ pid: worker.process.pid, code, signal }, "worker exited: starting a replacement");
    cluster.fork();
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, stop);

  cluster.fork();
  // A missing index is built by the first worker; the others would build it again at the same time.
  if (size > 1 && !(await indexExists(config))) await waitForIndex(config, () => stopping);
  for (let i = 1; i < size && !stopping; i++) cluster.fork();
  logger.info(`primary ${process.pid}: ${size} workers on ${config.server.host}:${config.server.port}`);
  await done;
  return failed ? 1 : 0;
}

async function indexExists(config: Readonly<Config>): Promise<boolean> {
  try {
    await readIndexInfo(storeLocation(config.ingest));
    return true;
  } catch (err) {
    if (isAppError(err) && err.code === "INDEX_NOT_READY") return false;
    return true; // a foreign or damaged index: the worker reports it; nothing to wait for
  }
}

async function waitForIndex(config: Readonly<Config>, stopped: () => boolean): Promise<void> {
  while (!stopped() && !(await indexExists(config))) await new Promise((r) => setTimeout(r, INDEX_POLL_MS));
}
