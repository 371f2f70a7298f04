import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { errorMessage, type Prepared, type PrepareTask } from "./prepare.js";

interface Job {
  id: number;
  task: PrepareTask;
  resolve: (result: Prepared) => void;
}

/**
 * Worker threads that run prepareFile (read, hash, load, clean, chunk): that work is most of an
 * ingest's CPU time and independent per file, while embedding and indexing stay on the main thread.
 * Starting a worker costs ~0.3-1 s (module loading), so callers use it only for large batches.
 */
export class PreparePool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job>();
  private readonly queue: Job[] = [];
  private nextId = 0;

  constructor(size: number) {
    for (let i = 0; i < size; i++) this.idle.push(this.spawn());
  }

  run(task: PrepareTask): Promise<Prepared> {
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, task, resolve });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    const workers = [...this.idle, ...this.busy.keys()];
    this.idle.length = 0;
    this.busy.clear();
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.busy.set(worker, job);
      worker.postMessage({ id: job.id, task: job.task });
    }
  }

  private spawn(): Worker {
    const worker = new Worker(bootstrapUrl());
    worker.on("message", (msg: { id: number; result: Prepared }) => {
      const job = this.busy.get(worker);
      this.busy.delete(worker);
      this.idle.push(worker);
      job?.resolve(msg.result);
      this.dispatch();
    });
    // A crashed worker (e.g. out of memory on one huge PDF) fails its file, and is replaced.
    worker.on("error", (err) => {
      const job = this.busy.get(worker);
      this.busy.delete(worker);
      job?.resolve({ status: "skipped", source: job.task.source, bytes: 0, reason: "unreadable", message: errorMessage(err) });
      this.idle.push(this.spawn());
      this.dispatch();
    });
    return worker;
  }
}

/**
 * The worker entry. Under tsx (how citebot runs), Node 20 does not pass `--import` hooks on to
 * worker threads, so a tiny bootstrap registers tsx in the worker before importing the entry.
 */
function bootstrapUrl(): URL {
  const self = fileURLToPath(import.meta.url);
  const entry = path.join(path.dirname(self), `prepare-worker${path.extname(self)}`);
  const tsx = import.meta.resolve("tsx/esm/api");
  const code = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(pathToFileURL(entry).href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}
