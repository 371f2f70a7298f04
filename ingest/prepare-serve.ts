import { parentPort } from "node:worker_threads";
import { errorMessage } from "../core/errors.js";
import type { Prepared, PrepareTask } from "./prepare.js";

/**
 * Worker-thread side of PreparePool: prepares the files it is sent one at a time, in the order sent,
 * one reply per file (the pool relies on the order to know which file a crash was on).
 */
export function servePrepareRequests(prepare: (task: PrepareTask) => Promise<Prepared>): void {
  let queue: Promise<void> = Promise.resolve();
  parentPort?.on("message", (msg: { id: number; task: PrepareTask }) => {
    queue = queue.then(() =>
      prepare(msg.task).then(
        // Vectors are handed over, not copied.
        (result) => parentPort?.postMessage({ id: msg.id, result }, result.status === "ready" && result.vectors ? [result.vectors.buffer] : []),
        // prepareFile does not throw; should it ever, the file is reported, not the worker lost.
        (err: unknown) => {
          const result: Prepared = { status: "skipped", source: msg.task.source, bytes: 0, reason: "unreadable", message: errorMessage(err) };
          parentPort?.postMessage({ id: msg.id, result });
        },
      ),
    );
  });
}
