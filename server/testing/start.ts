import { Writable } from "node:stream";
import { pino } from "pino";
import { loadConfig } from "../../core/config.js";
import { createApp } from "../app.js";
import { Drain } from "../drain.js";
import { SqliteFeedbackStore } from "../feedback/feedback-store.js";
import type { ServedEngine } from "../engine-gate.js";
import { listen, type Listening } from "../listen.js";

export interface TestServer extends Listening {
  /** Every log record the app wrote, parsed. */
  logs: Record<string, unknown>[];
  /** The feedback store the app writes to (in memory unless `env` names a FEEDBACK_DB file). */
  feedback: SqliteFeedbackStore;
}

/** Starts the real app on 127.0.0.1, port 0, with rate limiting off and feedback in memory unless `env` sets them. */
export async function startTestServer(
  engine: ServedEngine | Promise<ServedEngine>,
  env: Record<string, string> = {},
  heartbeatMs?: number,
): Promise<TestServer> {
  const config = loadConfig({ RATE_LIMIT_PER_MINUTE: "0", LOG_LEVEL: "debug", FEEDBACK_DB: ":memory:", ...env });
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split("\n")) if (line) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const logger = pino({ level: config.log.level }, sink);
  const feedback = new SqliteFeedbackStore(config.feedback.dbPath);
  const drain = new Drain();
  const app = createApp({ config, engine, logger, drain, feedback, ...(heartbeatMs ? { heartbeatMs } : {}) });
  const listening = await listen(app, "127.0.0.1", 0, { drain, limits: config.server });
  return {
    ...listening,
    logs,
    feedback,
    close: async () => {
      await listening.close();
      feedback.close();
    },
  };
}
