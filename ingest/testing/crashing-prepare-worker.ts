import { parentPort } from "node:worker_threads";
import { prepareFile, type PrepareTask } from "../prepare.js";

/** Test double of prepare-worker: the same replies in the same order, but the thread dies on crash.txt. */
let queue: Promise<void> = Promise.resolve();
parentPort?.on("message", (msg: { id: number; task: PrepareTask }) => {
  queue = queue.then(async () => {
    if (msg.task.source === "crash.txt") throw new Error("prepare worker died on crash.txt");
    parentPort?.postMessage({ id: msg.id, result: await prepareFile(msg.task) });
  });
});
