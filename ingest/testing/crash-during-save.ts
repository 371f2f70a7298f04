/**
 * Child process for the crash tests: runs an ingest of DOCS into INDEX and SIGKILLs itself at one point of
 * the index write (`node --import tsx crash-during-save.ts DOCS INDEX POINT [CACHE_DIR]`). The file system
 * calls are wrapped before the ingest code is imported, so the kill falls exactly where a real crash could:
 * - while-writing: as the temp folder is being filled (at its first writeFile)
 * - before-swap: the temp folder is complete and flushed, nothing renamed yet
 * - between-renames: the live index has been renamed to its backup, the new one not yet renamed in
 * - before-cleanup: the new index is in place, the backup not yet deleted
 * With CACHE_DIR it embeds with the local word vectors (as the server does), else with FakeEmbedder.
 */
import fsp from "node:fs/promises";
import { syncBuiltinESMExports } from "node:module";

const [docsDir, indexDir, point, cacheDir] = process.argv.slice(2);
const die = (): never => {
  process.kill(process.pid, "SIGKILL");
  throw new Error("unreachable");
};
const { rename, rm, writeFile } = fsp;
let renames = 0;
fsp.writeFile = (async (...args: Parameters<typeof writeFile>) => {
  if (point === "while-writing") die();
  return writeFile(...args);
}) as typeof writeFile;
fsp.rename = async (...args: Parameters<typeof rename>) => {
  renames++;
  if (point === "before-swap" && renames === 1) die();
  await rename(...args);
  if (point === "between-renames" && renames === 1) die();
};
fsp.rm = async (...args: Parameters<typeof rm>) => {
  if (point === "before-cleanup" && renames === 2) die();
  return rm(...args);
};
syncBuiltinESMExports();

const { createEmbedder, FakeEmbedder, runIngest } = await import("../index.js");
const { loadConfig } = await import("../../core/config.js");
const embedder = cacheDir
  ? await createEmbedder(loadConfig({ CACHE_DIR: cacheDir, EMBEDDINGS: "local", GENERATOR: "extractive" }))
  : new FakeEmbedder({ dim: 32 });
await runIngest({ docsDir: docsDir!, indexDir: indexDir!, chunkSize: 1000, chunkOverlap: 200 }, { embedder });
console.error(`crash-during-save: ${point} was never reached`);
process.exit(2);
