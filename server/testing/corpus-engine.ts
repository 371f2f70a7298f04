import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pino } from "pino";
import { loadConfig } from "../../core/config.js";
import { openEngine } from "../boot.js";
import type { ServedEngine } from "../engine-gate.js";

import { CORPUS_DIR, offlineEnv } from "./offline-env.js";

export interface CorpusEngine {
  engine: ServedEngine;
  /** Closes the engine and deletes its temporary index. */
  dispose(): Promise<void>;
}

/**
 * The real engine (offline default) over ../shared/corpus, with its index built into a temp dir the way
 * `npm start` builds a missing one. The word-vector cache is the repo's .data/cache, shared across runs.
 */
export async function openCorpusEngine(): Promise<CorpusEngine> {
  const indexDir = await mkdtemp(path.join(os.tmpdir(), "citebot-server-index-"));
  const config = loadConfig(offlineEnv(CORPUS_DIR, indexDir));
  const engine = await openEngine(config, pino({ level: "silent" }));
  return {
    engine,
    dispose: async () => {
      await engine.close();
      await rm(indexDir, { recursive: true, force: true });
    },
  };
}
