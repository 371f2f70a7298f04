import path from "node:path";
import { loadConfig } from "../core/config.js";
import { isAppError } from "../core/errors.js";
import { parseCliOptions } from "./cli-args.js";
import { createProgressReporter, formatSummary } from "./cli-output.js";
import { createEmbedder } from "./embed/index.js";
import { runIngest } from "./run-ingest.js";

const USAGE = `Usage: npm run ingest -- [--docs DIR] [--index DIR] [--rebuild]

  --docs DIR    folder of .txt, .md, .html, .pdf, .adoc and .docx files (default: DOCS_DIR, ../shared/corpus)
  --index DIR   where the index is written (default: INDEX_DIR, .data/index; with STORE=postgres, the
                DATABASE_URL database)
  --rebuild     re-embed every file, even unchanged ones
  -h, --help    show this help`;

/** `npm run ingest`: exit 0 when an index was written or is up to date, 1 when not, 2 on bad usage. */
async function main(argv: string[]): Promise<number> {
  const parsed = parseCliOptions(argv, { docs: { type: "string" }, index: { type: "string" }, rebuild: { type: "boolean", default: false } }, USAGE);
  if (!parsed.values) return parsed.exitCode;
  const { values } = parsed;
  const config = loadConfig();
  const embedder = await createEmbedder(config, {
    onCacheBuild: (reason) => process.stderr.write(`Building the local word-vector cache (${reason}); once per install, ~10 s\n`),
  });
  const progress = createProgressReporter(process.stderr);
  try {
    const summary = await runIngest(
      {
        docsDir: values.docs ? path.resolve(values.docs) : config.ingest.docsDir,
        indexDir: values.index ? path.resolve(values.index) : config.ingest.indexDir,
        // --index names a folder: the local store, whatever STORE says.
        database: values.index ? undefined : config.ingest.database,
        chunkSize: config.ingest.chunkSize,
        chunkOverlap: config.ingest.chunkOverlap,
        followExternalLinks: config.ingest.followExternalLinks,
        rebuild: values.rebuild,
      },
      { embedder, onProgress: (e) => progress.update(e) },
    );
    progress.stop();
    process.stdout.write(`${formatSummary(summary)}\n`);
    return 0;
  } finally {
    progress.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // Expected failures (bad config, nothing indexable, unwritable index) are told plainly; bugs keep their stack.
    process.stderr.write(isAppError(err) ? `error: ${err.message}\n` : `${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
