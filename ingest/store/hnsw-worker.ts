import { parentPort } from "node:worker_threads";
import { errorMessage } from "../../core/errors.js";
import { HnswIndex, type HnswParams } from "./hnsw-index.js";

/** Messages from HnswWorkerGraph; those with an `id` get a reply carrying the same id. */
export type HnswRequest =
  | { op: "create"; dim: number; params: HnswParams; capacity: number }
  | { op: "read"; id: number; file: string; dim: number; params: HnswParams }
  | { op: "add"; labels: number[]; vectors: Float32Array }
  | { op: "remove"; label: number }
  | { op: "maxLabel"; id: number }
  | { op: "search"; id: number; vector: Float32Array; k: number; ef: number | undefined }
  | { op: "write"; id: number; file: string };

export type HnswReply = { id: number; result?: unknown; error?: string };

let index: HnswIndex | undefined;
// The first failure of a message that gets no reply (add, remove), reported by the next one that does.
let failure: string | undefined;
// Requests run strictly in arrival order, including across the async ones (read, write).
let queue: Promise<void> = Promise.resolve();

parentPort?.on("message", (msg: HnswRequest) => {
  queue = queue.then(() => handle(msg));
});

async function handle(msg: HnswRequest): Promise<void> {
  const id = "id" in msg ? msg.id : undefined;
  try {
    if (failure !== undefined) throw new Error(failure);
    const result = await run(msg);
    if (id !== undefined) parentPort?.postMessage({ id, result } satisfies HnswReply);
  } catch (err) {
    if (id !== undefined) parentPort?.postMessage({ id, error: errorMessage(err) } satisfies HnswReply);
    else failure ??= errorMessage(err);
  }
}

async function run(msg: HnswRequest): Promise<unknown> {
  if (msg.op === "create") return void (index = HnswIndex.create(msg.dim, msg.params, msg.capacity));
  if (msg.op === "read") return void (index = await HnswIndex.read(msg.file, msg.dim, msg.params));
  if (!index) throw new Error("HNSW worker: no graph (create or read it first)");
  const graph = index;
  switch (msg.op) {
    case "add":
      return msg.labels.forEach((label, i) => graph.add(label, msg.vectors.subarray(i * graph.dim, (i + 1) * graph.dim)));
    case "remove":
      return graph.remove(msg.label);
    case "maxLabel":
      return graph.maxLabel();
    case "search":
      return graph.search(msg.vector, msg.k, msg.ef);
    case "write":
      return graph.write(msg.file);
  }
}
