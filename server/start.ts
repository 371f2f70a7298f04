/**
 * `npm start`: with WEB_CONCURRENCY above 1 (the default on a multi-core machine) this process becomes the
 * cluster primary and forks that many servers (server/cluster.ts); with 1 it is the server (server/main.ts).
 */
import cluster from "node:cluster";
import path from "node:path";
import { pino } from "pino";
import { loadConfig, type Config } from "../core/config.js";

const MAIN = path.join(import.meta.dirname, "main.ts");

let config: Readonly<Config> | undefined;
try {
  config = loadConfig();
} catch {
  // main.ts reports the configuration error and exits.
}
if (!config || config.server.webConcurrency === 1 || !cluster.isPrimary) {
  await import("./main.js");
} else {
  const { runCluster } = await import("./cluster.js");
  process.exitCode = await runCluster(config, pino({ level: config.log.level }), { exec: MAIN });
}
