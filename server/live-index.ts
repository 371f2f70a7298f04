import { stat } from "node:fs/promises";
import path from "node:path";
import type { Logger } from "pino";
import { errorMessage } from "../core/errors.js";
import { readIndexInfo, storeLocation } from "../ingest/index.js";
import type { Drain } from "./drain.js";
import type { EngineGate, ServedEngine } from "./engine-gate.js";

export interface LiveIndexOptions {
  indexDir: string;
  /** The PostgreSQL database and schema of the index (STORE=postgres): then its meta row's build time is polled. */
  database?: { url: string; schema: string } | undefined;
  /** How often the manifest's stat (or the database's build time) is compared; 0: only explicit `reload()` calls. */
  pollMs: number;
  /** Opens an engine over the index as it is on disk now. */
  open: () => Promise<ServedEngine>;
  gate: EngineGate;
  /** Tells when the requests running on the old engine are done, so it can be closed. */
  drain: Drain;
  logger: Logger;
}

/**
 * Keeps the served engine in step with the index on disk: when manifest.json changes (a cheap stat every
 * `pollMs`) and names another build than the one served, a new engine is opened beside the old one and
 * swapped in at once. Requests already running finish on the old engine, which is closed after them.
 * A failed open (say, the index is mid-swap) leaves the old engine serving.
 */
export class LiveIndex {
  readonly #options: LiveIndexOptions;
  #timer: NodeJS.Timeout | undefined;
  #lastStat = "";
  #running: Promise<void> | undefined;
  #again = false;

  constructor(options: LiveIndexOptions) {
    this.#options = options;
  }

  start(): void {
    if (this.#options.pollMs === 0 || this.#timer) return;
    this.#timer = setInterval(() => void this.#poll(), this.#options.pollMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Reloads if the index on disk is another build than the one served; calls during a reload run once after it. */
  reload(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#reloadIfNewer().finally(() => {
      this.#running = undefined;
      if (this.#again) {
        this.#again = false;
        void this.reload();
      }
    });
    return this.#running;
  }

  async #poll(): Promise<void> {
    const location = storeLocation(this.#options);
    const now = await (location.kind === "local" ? stat(path.join(location.dir, "manifest.json")) : readIndexInfo(location)).then(
      (s) => ("builtAt" in s ? (s.builtAt ?? "") : `${s.ino}:${s.size}:${s.mtimeMs}`),
      () => "", // mid-swap, not built yet or the database unreachable: look again next time
    );
    if (!now || now === this.#lastStat) return;
    this.#lastStat = now;
    await this.reload();
  }

  async #reloadIfNewer(): Promise<void> {
    const { gate, drain, logger, open } = this.#options;
    try {
      const { builtAt } = await readIndexInfo(storeLocation(this.#options));
      // No engine yet: the server started without documents and this is the first index (the documents API).
      const served = gate.ready ? gate.get() : undefined;
      if (served?.health().indexBuiltAt === builtAt) return;
      const started = performance.now();
      const next = await open();
      gate.swap(next);
      logger.info({ ...next.health(), ms: Math.round(performance.now() - started) }, "new index loaded");
      this.start();
      if (!served) return;
      // The old engine's requests may still be running: close it once they are done.
      void drain
        .settled()
        .then(() => served.close())
        .catch((err: unknown) => logger.warn(`closing the previous engine failed: ${errorMessage(err)}`));
    } catch (err) {
      logger.warn(`index changed but could not be loaded, still serving the previous one: ${errorMessage(err)}`);
    }
  }
}
