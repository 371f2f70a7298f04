import type { Worker } from "node:worker_threads";
import { errorMessage } from "../core/errors.js";
import type { Prepared, PrepareTask } from "./prepare.js";
import { startTsWorker } from "./ts-worker.js";

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
    const worker = startTsWorker(import.meta.url, "prepare-worker");
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
