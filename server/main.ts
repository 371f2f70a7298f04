/**
 * `npm start`: loadConfig → listen (503 while loading) → build the index if missing → open the engine → serve.
 * Graceful shutdown on SIGINT/SIGTERM; an unhandled rejection is logged and ends the process non-zero.
 */
import cluster from "node:cluster";
import { loadConfig, type Config } from "../core/config.js";
import { isAppError } from "../core/errors.js";
import { startCitebot, type Citebot } from "./boot.js";
import { createLogger } from "./logger.js";

let config: Readonly<Config>;
try {
  config = loadConfig();
} catch (err) {
  console.error(isAppError(err) ? err.message : err);
  process.exit(1);
}
const logger = createLogger(config.log.level, process.stdout.isTTY);
let citebot: Citebot | undefined;

async function shutdown(code: number, why: string): Promise<void> {
  logger.info(`${why}: shutting down`);
  // A stuck engine must not keep the process alive forever: the drain itself ends within the grace and a second.
  setTimeout(() => process.exit(code || 1), config.server.shutdownGraceMs + 3_000).unref();
  try {
    await citebot?.close();
  } catch (err) {
    logger.error({ err }, "error while shutting down");
    code ||= 1;
  }
  process.exit(code);
}

process.on("unhandledRejection", (reason) => {
  logger.fatal({ err: reason }, "unhandled promise rejection");
  process.exit(1);
});
// A cluster worker drains on its primary's SIGTERM alone; Ctrl-C reaches it too, through the terminal's process group.
if (cluster.isWorker) process.on("SIGINT", () => {});
for (const signal of cluster.isWorker ? (["SIGTERM"] as const) : (["SIGINT", "SIGTERM"] as const)) process.once(signal, () => void shutdown(0, signal));

try {
  citebot = await startCitebot(config, logger);
} catch (err) {
  // A port in use is an operator's everyday mistake: one line saying what to do, no stack.
  if ((err as NodeJS.ErrnoException).code === "EADDRINUSE") {
    logger.fatal(`port ${config.server.port} is already in use on ${config.server.host}: stop the other server or set PORT to a free port`);
  } else logger.fatal({ err }, "could not start");
  logger.flush();
  process.exit(1);
}
logger.info(`citebot listening on ${citebot.url} (API answers 503 until the index is loaded)`);
citebot.ready.then(
  () => logger.info(`ready: demo and widget at ${citebot?.url}/, API at ${citebot?.url}/api/ask`),
  (err: unknown) => {
    logger.fatal({ err }, isAppError(err) ? `cannot serve: ${err.message}` : "cannot serve: the engine failed to start");
    void shutdown(1, "engine failed");
  },
);
