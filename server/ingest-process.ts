import { fork } from "node:child_process";
import path from "node:path";
import type { Config } from "../core/config.js";
import { AppError } from "../core/errors.js";
import type { IngestProgress, IngestSummary } from "../ingest/index.js";

const CHILD = path.join(import.meta.dirname, "ingest-child.ts");

/**
 * Runs one ingest of config.ingest in a child process: embedding and graph building are CPU-bound and would
 * stall every request of the server for as long as they ran on its thread; a crash there cannot take the
 * server down either. The index it writes is swapped in atomically, so the server can read it at any time.
 */
export function ingestInChildProcess(
  config: Readonly<Config>,
  options: { rebuild: boolean; onProgress: (event: IngestProgress) => void },
): Promise<IngestSummary> {
  const child = fork(CHILD, [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise<IngestSummary>((resolve, reject) => {
    child.on("message", (reply: { progress?: IngestProgress; summary?: IngestSummary; error?: string }) => {
      if (reply.progress) options.onProgress(reply.progress);
      else if (reply.summary) resolve(reply.summary);
      else reject(new AppError("INTERNAL", reply.error ?? "the ingest failed"));
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => reject(new AppError("INTERNAL", `the ingest process ended early (${signal ?? `exit code ${code}`})`)));
    child.send({ config, rebuild: options.rebuild });
  });
}
