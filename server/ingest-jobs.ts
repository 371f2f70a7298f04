import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { errorMessage } from "../core/errors.js";
import type { IngestProgress, IngestSummary } from "../ingest/index.js";

export type JobKind = "upload" | "delete" | "reindex";

/** What GET /api/jobs/:id reports. */
export interface Job {
  id: string;
  kind: JobKind;
  status: "queued" | "running" | "done" | "failed";
  /** Files this job put in or removed from DOCS_DIR (uploads, deletions). */
  sources: string[];
  progress: { done: number; total: number };
  indexed: string[];
  unchanged: number;
  removed: string[];
  skipped: { source: string; reason: string }[];
  chunks: number | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface IngestJobsOptions {
  /** Runs one incremental ingest of DOCS_DIR (a full one when `rebuild`) into INDEX_DIR. */
  ingest: (options: { rebuild: boolean; onProgress: (event: IngestProgress) => void }) => Promise<IngestSummary>;
  /** After an ingest that wrote the index: load it into the server. */
  afterIngest: () => Promise<void>;
  /** Jobs wait for this first (the index build at start-up, if any). */
  after?: Promise<unknown>;
  logger: Logger;
  /** Finished jobs kept for GET /api/jobs/:id, oldest dropped first. */
  keep?: number;
}

/**
 * The documents API's background ingests: one at a time, in the order asked (a request made while one runs is
 * queued, not refused), each with its progress and outcome kept for GET /api/jobs/:id.
 */
export class IngestJobs {
  readonly #options: IngestJobsOptions;
  readonly #jobs = new Map<string, Job>();
  #tail: Promise<unknown>;

  constructor(options: IngestJobsOptions) {
    this.#options = options;
    this.#tail = (options.after ?? Promise.resolve()).catch(() => undefined);
  }

  get(id: string): Job | undefined {
    return this.#jobs.get(id);
  }

  /** Queues an ingest and returns its job at once (status "queued"); GET /api/jobs/:id follows it. */
  enqueue(kind: JobKind, sources: string[], rebuild = false): Job {
    const job: Job = {
      id: randomUUID(),
      kind,
      status: "queued",
      sources,
      progress: { done: 0, total: 0 },
      indexed: [],
      unchanged: 0,
      removed: [],
      skipped: [],
      chunks: null,
      error: null,
      createdAt: new Date().toISOString(),
      startedAt: null,
      finishedAt: null,
    };
    this.#jobs.set(job.id, job);
    this.#forgetOld();
    this.#tail = this.#tail.then(() => this.#run(job, rebuild));
    return job;
  }

  /** Resolves once every job queued so far has finished. */
  async idle(): Promise<void> {
    await this.#tail;
  }

  async #run(job: Job, rebuild: boolean): Promise<void> {
    const { ingest, afterIngest, logger } = this.#options;
    job.status = "running";
    job.startedAt = new Date().toISOString();
    try {
      const summary = await ingest({ rebuild, onProgress: (event) => track(job, event) });
      job.indexed = summary.files.indexed;
      job.removed = summary.files.removed;
      job.chunks = summary.chunks.total;
      if (summary.written) await afterIngest();
      job.status = "done";
    } catch (err) {
      job.status = "failed";
      job.error = errorMessage(err);
      logger.warn({ job: job.id }, `ingest job failed: ${job.error}`);
    } finally {
      job.finishedAt = new Date().toISOString();
    }
  }

  #forgetOld(): void {
    const keep = this.#options.keep ?? 100;
    for (const [id, job] of this.#jobs) {
      if (this.#jobs.size <= keep) break;
      if (job.finishedAt) this.#jobs.delete(id);
    }
  }
}

function track(job: Job, event: IngestProgress): void {
  if (event.type === "start") job.progress.total = event.files;
  if (event.type !== "file") return;
  job.progress.done = event.done;
  if (event.status === "unchanged") job.unchanged++;
  if (event.status === "skipped") job.skipped.push({ source: event.source, reason: event.reason ?? "unknown reason" });
}
