import { parentPort } from "node:worker_threads";
import { errorMessage } from "../core/errors.js";
import { prepareFile, type Prepared, type PrepareTask } from "./prepare.js";

/** Worker-thread side of PreparePool: prepares the files it is sent, one message per file. */
parentPort?.on("message", (msg: { id: number; task: PrepareTask }) => {
  prepareFile(msg.task).then(
    (result) => parentPort?.postMessage({ id: msg.id, result }),
    // prepareFile does not throw; should it ever, the file is reported, not the worker lost.
    (err: unknown) => {
      const result: Prepared = { status: "skipped", source: msg.task.source, bytes: 0, reason: "unreadable", message: errorMessage(err) };
      parentPort?.postMessage({ id: msg.id, result });
    },
  );
});
