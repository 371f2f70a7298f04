import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadConfig } from "../../core/config.js";
import { errorMessage } from "../../core/errors.js";
import type { Chunk } from "../../core/types.js";
import { parseCliOptions } from "../cli-args.js";
import { FakeEmbedder } from "../embed/fake.js";
import { loadFile } from "../load/index.js";
import { runIngest } from "../run-ingest.js";
import { readEntries } from "../store/entries-file.js";
import { readManifest } from "../store/manifest.js";
import { unmark } from "../text/structure-marks.js";
import { auditChunks, formatAudit } from "./audit-chunks.js";

const USAGE = `Usage: npm run audit -- [--docs DIR] [--index DIR] [--json]

  --docs DIR    the documents: without --index they are chunked afresh (no embedding) and audited;
                with it, they are what tokens are compared with (default: DOCS_DIR)
  --index DIR   audit the chunks of this index (default: chunk --docs afresh)
  --json        print the audit as JSON
  -h, --help    show this help`;

/** `npm run audit`: counts of suspected leaks in an index's chunks, with examples. Exit 0, or 2 on bad usage. */
async function main(argv: string[]): Promise<number> {
  const parsed = parseCliOptions(argv, { docs: { type: "string" }, index: { type: "string" }, json: { type: "boolean", default: false } }, USAGE);
  if (!parsed.values) return parsed.exitCode;
  const { values } = parsed;
  const config = loadConfig();
  const docsDir = values.docs ? path.resolve(values.docs) : config.ingest.docsDir;
  const chunks = values.index ? await indexChunks(path.resolve(values.index)) : await freshChunks(docsDir, config.ingest);
  const audit = auditChunks(chunks, await sourceTexts(docsDir, chunks));
  process.stdout.write(`${values.json ? JSON.stringify(audit, null, 2) : formatAudit(audit, values.index ?? docsDir)}\n`);
  return 0;
}

async function indexChunks(indexDir: string): Promise<Chunk[]> {
  const manifest = await readManifest(indexDir);
  return (await readEntries(indexDir, manifest.embedder.dim)).map((e) => e.chunk);
}

/** The chunks an ingest of `docsDir` would index, through the real pipeline, with a fake embedder into a temporary index. */
async function freshChunks(docsDir: string, settings: { chunkSize: number; chunkOverlap: number; followExternalLinks: boolean }): Promise<Chunk[]> {
  const dir = await mkdtemp(path.join(tmpdir(), "citebot-audit-"));
  try {
    const indexDir = path.join(dir, "index");
    const { chunkSize, chunkOverlap, followExternalLinks } = settings;
    await runIngest({ docsDir, indexDir, chunkSize, chunkOverlap, followExternalLinks }, { embedder: new FakeEmbedder() });
    return await indexChunks(indexDir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Each document's text as loaded, before cleaning; a file that no longer loads is left out. */
async function sourceTexts(docsDir: string, chunks: readonly Chunk[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const source of new Set(chunks.map((c) => c.source))) {
    try {
      const pages = await loadFile(await readFile(path.join(docsDir, source)), source);
      texts.set(source, unmark(pages.map((p) => p.pageContent).join("\n")));
    } catch (err) {
      process.stderr.write(`audit: ${source} not compared (${errorMessage(err)})\n`);
    }
  }
  return texts;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`error: ${errorMessage(err)}\n`);
    process.exitCode = 1;
  },
);
