import { stat } from "node:fs/promises";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { errorMessage } from "../../core/errors.js";
import { corrupt } from "./entries-file.js";

const ALGORITHM = "sha256";

/**
 * The hashing thread's code. Plain JavaScript, so the thread starts in milliseconds (a TypeScript worker
 * spends ~0.6 s registering tsx first); it streams each file through the hash, so memory stays flat.
 */
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const { createHash } = require("node:crypto");
const { createReadStream } = require("node:fs");
parentPort.once("message", async ({ paths, algorithm }) => {
  try {
    const digests = [];
    for (const p of paths) {
      const hash = createHash(algorithm);
      for await (const chunk of createReadStream(p, { highWaterMark: 1 << 20 })) hash.update(chunk);
      digests.push(algorithm + ":" + hash.digest("hex"));
    }
    parentPort.postMessage({ digests });
  } catch (err) {
    parentPort.postMessage({ error: String((err && err.message) || err) });
  }
});
`;

/**
 * `sha256:<hex>` of each file (by name) in `dir`, computed on a worker thread: beside loading the index (on
 * the other core) when opening it, and without blocking the event loop when a server ingests documents.
 */
export async function checksumFiles(dir: string, names: readonly string[]): Promise<Record<string, string>> {
  const paths = names.map((name) => path.join(dir, name));
  await Promise.all(paths.map((p) => stat(p))); // a missing file fails here, with its name
  const digests = await hashOffThread(paths);
  return Object.fromEntries(names.map((name, i) => [name, digests[i]!]));
}

/** Rejects with INDEX_MISMATCH naming the first file whose bytes are not the ones the manifest recorded. */
export async function verifyChecksums(dir: string, expected: Readonly<Record<string, string>>): Promise<void> {
  const names = Object.keys(expected);
  const actual = await checksumFiles(dir, names).catch((err: unknown) => {
    throw corrupt(dir, `cannot read its files to check them: ${errorMessage(err)}`);
  });
  const bad = names.find((name) => actual[name] !== expected[name]);
  if (bad) throw corrupt(dir, `${bad} does not match its checksum in the manifest: it was changed or damaged after it was written`);
}

function hashOffThread(paths: readonly string[]): Promise<string[]> {
  const worker = new Worker(WORKER_SOURCE, { eval: true });
  return new Promise<string[]>((resolve, reject) => {
    worker.once("message", (reply: { digests?: string[]; error?: string }) => {
      if (reply.digests) resolve(reply.digests);
      else reject(new Error(reply.error ?? "checksum worker failed"));
    });
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`checksum worker exited with code ${code}`)));
    worker.postMessage({ paths, algorithm: ALGORITHM });
  }).finally(() => void worker.terminate());
}
