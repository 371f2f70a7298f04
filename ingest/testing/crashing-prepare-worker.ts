import { prepareFile } from "../prepare.js";
import { servePrepareRequests } from "../prepare-serve.js";

/**
 * Test double of prepare-worker: the same replies in the same order, but the thread dies with an error on
 * crash.txt (thrown outside the request, so nothing catches it) and quits without one (code 3) on exit.txt.
 */
servePrepareRequests(async (task) => {
  if (task.source === "crash.txt") {
    setImmediate(() => {
      throw new Error("prepare worker died on crash.txt");
    });
    return new Promise(() => {});
  }
  if (task.source === "exit.txt") process.exit(3);
  return prepareFile(task);
});
