/**
 * Child process of ingest-process.ts: receives `{ config, rebuild }` once, runs one ingest, reports each
 * progress event and then the summary (or the error) over IPC, and exits.
 */
import type { Config } from "../core/config.js";
import { errorMessage } from "../core/errors.js";
import { createEmbedder, runIngest } from "../ingest/index.js";

process.once("message", (message: { config: Config; rebuild: boolean }) => {
  const { config, rebuild } = message;
  const send = (reply: unknown) => new Promise<void>((resolve) => process.send?.(reply, () => resolve()));
  createEmbedder(config)
    .then((embedder) => runIngest({ ...config.ingest, rebuild }, { embedder, onProgress: (progress) => void send({ progress }) }))
    .then(
      (summary) => send({ summary }),
      (err: unknown) => send({ error: errorMessage(err) }),
    )
    .finally(() => process.disconnect());
});
