import { parentPort } from "node:worker_threads";
import { prepareFile, type PrepareTask } from "../prepare.js";

/**
 * Test double of prepare-worker: the same replies in the same order, but the thread dies with an error on
 * crash.txt and quits without one (code 3) on exit.txt.
 */
let queue: Promise<void> = Promise.resolve();
parentPort?.on("message", (msg: { id: number; task: PrepareTask }) => {
  queue = queue.then(async () => {
    if (msg.task.source === "crash.txt") throw new Error("prepare worker died on crash.txt");
    if (msg.task.source === "exit.txt") process.exit(3);
    parentPort?.postMessage({ id: msg.id, result: await prepareFile(msg.task) });
  });
});
