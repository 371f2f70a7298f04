import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

/**
 * Starts a worker thread running the module `name` (e.g. "store/hnsw-worker") next to `fromUrl`,
 * whatever the file extension. citebot runs TypeScript through tsx, and Node 20 does not hand
 * `--import` hooks on to worker threads, so a tiny bootstrap registers tsx in the worker first.
 */
export function startTsWorker(fromUrl: string, name: string): Worker {
  const self = fileURLToPath(fromUrl);
  const entry = pathToFileURL(path.join(path.dirname(self), `${name}${path.extname(self)}`)).href;
  const tsx = import.meta.resolve("tsx/esm/api");
  const code = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(entry)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`));
}
