/**
 * `npm run corpus -- fetch <name|all> [--write-manifest]`: rebuilds eval corpora from their pinned Debian packages.
 * The eval fetches a missing corpus by itself; this is for doing it ahead (CI) or pinning a new version.
 */
import { parseArgs } from "node:util";
import { AppError, isAppError } from "../../core/errors.js";
import { corpusNames, loadCorpus } from "./corpus.js";
import { ensureCorpus } from "./fetch.js";

const USAGE = "Usage: npm run corpus -- fetch <name|all> [--write-manifest]";

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { "write-manifest": { type: "boolean", default: false } } });
  const [verb, which] = positionals;
  if (verb !== "fetch" || !which) throw new AppError("BAD_REQUEST", USAGE);
  const names = which === "all" ? await corpusNames() : [which];
  for (const name of names) {
    const corpus = await loadCorpus(name);
    const started = performance.now();
    const outcome = await ensureCorpus(corpus, { writeManifest: values["write-manifest"], onStep: (s) => console.error(s) });
    console.log(`${name}: ${outcome} in ${((performance.now() - started) / 1000).toFixed(1)} s → ${corpus.docsDir}`);
  }
}

try {
  await main(process.argv.slice(2));
} catch (err) {
  console.error(isAppError(err) ? err.message : err);
  process.exitCode = 2;
}
