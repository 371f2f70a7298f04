import { Writable } from "node:stream";
import { pino } from "pino";
import { loadConfig } from "../../core/config.js";
import { createApp } from "../app.js";
import { Drain } from "../drain.js";
import type { ServedEngine } from "../engine-gate.js";
import { listen, type Listening } from "../listen.js";

export interface TestServer extends Listening {
  /** Every log record the app wrote, parsed. */
  logs: Record<string, unknown>[];
}

/** Starts the real app on 127.0.0.1, port 0, with rate limiting off unless `env` sets it. */
export async function startTestServer(
  engine: ServedEngine | Promise<ServedEngine>,
  env: Record<string, string> = {},
  heartbeatMs?: number,
): Promise<TestServer> {
  const config = loadConfig({ RATE_LIMIT_PER_MINUTE: "0", LOG_LEVEL: "debug", ...env });
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split("\n")) if (line) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const logger = pino({ level: config.log.level }, sink);
  const drain = new Drain();
  const app = createApp({ config, engine, logger, drain, ...(heartbeatMs ? { heartbeatMs } : {}) });
  return { ...(await listen(app, "127.0.0.1", 0, { drain, limits: config.server })), logs };
}
