import type { Worker } from "node:worker_threads";
import { AppError } from "../../core/errors.js";
import { startTsWorker } from "../ts-worker.js";
import { DEFAULT_HNSW_PARAMS, type HnswGraph, type HnswParams, type Neighbor } from "./hnsw-index.js";
import type { HnswReply, HnswRequest } from "./hnsw-worker.js";

const INITIAL_CAPACITY = 1024;

/**
 * An HNSW graph on its own worker thread. Inserting into the graph is the largest single cost of a
 * bulk ingest (~14 s of CPU for 62k chunks); here it runs beside loading and embedding on the main
 * thread. Additions are posted without waiting (in order); a failure surfaces at the next search or
 * write. Searches cost a message round trip, so a server keeps its graph on the main thread.
 */
export class HnswWorkerGraph implements HnswGraph {
  readonly params: Readonly<HnswParams>;
  private readonly dim: number;
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private dead: Error | undefined;

  private constructor(dim: number, params: HnswParams) {
    this.dim = dim;
    this.params = params;
    this.worker = startTsWorker(import.meta.url, "hnsw-worker");
    this.worker.on("message", (reply: HnswReply) => {
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.error !== undefined) waiter?.reject(new AppError("INTERNAL", `HNSW worker: ${reply.error}`));
      else waiter?.resolve(reply.result);
    });
    this.worker.on("error", (err) => this.fail(new AppError("INTERNAL", `HNSW worker crashed: ${err.message}`, { cause: err })));
    this.worker.on("exit", (code) => this.fail(new AppError("INTERNAL", `HNSW worker exited (code ${code})`)));
  }

  static create(dim: number, params: Partial<HnswParams> = {}): HnswWorkerGraph {
    const graph = new HnswWorkerGraph(dim, { ...DEFAULT_HNSW_PARAMS, ...params });
    graph.post({ op: "create", dim, params: { ...graph.params }, capacity: INITIAL_CAPACITY });
    return graph;
  }

  static async read(file: string, dim: number, params: HnswParams): Promise<HnswWorkerGraph> {
    const graph = new HnswWorkerGraph(dim, params);
    try {
      await graph.request((id) => ({ op: "read", id, file, dim, params }));
    } catch (err) {
      await graph.close();
      throw err;
    }
    return graph;
  }

  addAll(labels: readonly number[], vectors: readonly Float32Array[]): void {
    const flat = new Float32Array(labels.length * this.dim);
    vectors.forEach((v, i) => flat.set(v, i * this.dim));
    this.post({ op: "add", labels: [...labels], vectors: flat }, [flat.buffer]);
  }

  async maxLabel(): Promise<number> {
    return (await this.request((id) => ({ op: "maxLabel", id }))) as number;
  }

  remove(label: number): void {
    this.post({ op: "remove", label });
  }

  async search(vector: ArrayLike<number>, k: number, ef?: number): Promise<Neighbor[]> {
    return (await this.request((id) => ({ op: "search", id, vector: Float32Array.from(vector), k, ef }))) as Neighbor[];
  }

  async write(file: string): Promise<void> {
    await this.request((id) => ({ op: "write", id, file }));
  }

  async close(): Promise<void> {
    this.dead ??= new AppError("INTERNAL", "HNSW worker: graph closed");
    await this.worker.terminate();
  }

  private post(msg: HnswRequest, transfer: ArrayBuffer[] = []): void {
    if (this.dead) throw this.dead;
    this.worker.postMessage(msg, transfer);
  }

  private request(make: (id: number) => HnswRequest): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      try {
        this.post(make(id));
      } catch (err) {
        this.pending.delete(id);
        reject(err as Error);
      }
    });
  }

  private fail(err: Error): void {
    this.dead ??= err;
    for (const waiter of this.pending.values()) waiter.reject(err);
    this.pending.clear();
  }
}
