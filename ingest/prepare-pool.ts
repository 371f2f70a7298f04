import type { Worker } from "node:worker_threads";
import { errorMessage } from "../core/errors.js";
import type { Prepared, PrepareTask } from "./prepare.js";
import { startTsWorker } from "./ts-worker.js";

interface Job {
  id: number;
  task: PrepareTask;
  resolve: (result: Prepared) => void;
}

/** A worker and the jobs sent to it, oldest first: it prepares them one at a time, in that order. */
interface Slot {
  worker: Worker;
  jobs: Job[];
}

/**
 * Worker threads that run prepareFile (read, hash, load, clean, chunk): that work is most of an
 * ingest's CPU time and independent per file, while embedding and indexing stay on the main thread.
 * Starting a worker costs ~0.3-1 s (module loading), so callers use it only for large batches.
 *
 * Jobs go to a worker as soon as they are submitted (to the one with the fewest), and the caller bounds
 * how many are outstanding. The main thread hands out work only between its embedding batches (long
 * synchronous stretches): with one file at a time a worker sat idle through each batch, and the main
 * thread then waited for it (3.5 s of an 8 s ingest of 10 MB). The price, with several workers: a slow
 * file holds up the files queued behind it on its worker while another may be idle.
 */
export class PreparePool {
  private readonly slots: Slot[] = [];
  private nextId = 0;

  /** `workerModule`: the worker's module next to this one (tests substitute one that crashes). */
  constructor(
    size: number,
    private readonly workerModule = "prepare-worker",
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  run(task: PrepareTask): Promise<Prepared> {
    return new Promise((resolve) => this.assign({ id: this.nextId++, task, resolve }));
  }

  async close(): Promise<void> {
    const workers = this.slots.map((s) => s.worker);
    this.slots.length = 0;
    await Promise.all(workers.map((w) => w.terminate()));
  }

  /** Sends the job to the worker with the fewest jobs. */
  private assign(job: Job): void {
    if (this.slots.length === 0) throw new Error("PreparePool is closed");
    const slot = this.slots.reduce((a, b) => (b.jobs.length < a.jobs.length ? b : a));
    slot.jobs.push(job);
    slot.worker.postMessage({ id: job.id, task: job.task });
  }

  private spawn(): Slot {
    const slot: Slot = { worker: startTsWorker(import.meta.url, this.workerModule), jobs: [] };
    let failure: unknown;
    slot.worker.on("message", (msg: { id: number; result: Prepared }) => {
      const at = slot.jobs.findIndex((j) => j.id === msg.id);
      if (at >= 0) slot.jobs.splice(at, 1)[0]!.resolve(msg.result);
    });
    // 'error' can arrive before replies the worker already posted; 'exit' comes after all of them.
    slot.worker.on("error", (err) => (failure = err));
    // A worker that dies (e.g. out of memory on one huge PDF) fails the file it was on, the oldest it still
    // had; the files queued behind it go back to the pool, and a new worker takes its place.
    slot.worker.on("exit", (code) => {
      const at = this.slots.indexOf(slot);
      if (at < 0) return; // closed by close()
      const [crashed, ...waiting] = slot.jobs;
      const message = failure === undefined ? `prepare worker exited with code ${code}` : errorMessage(failure);
      crashed?.resolve({ status: "skipped", source: crashed.task.source, bytes: 0, reason: "unreadable", message });
      this.slots[at] = this.spawn();
      for (const job of waiting) this.assign(job);
    });
    return slot;
  }
}
