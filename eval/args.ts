import path from "node:path";
import { parseArgs } from "node:util";
import { AppError } from "../core/errors.js";

export interface EvalArgs {
  /** Corpus names from eval/corpora/, or ["all"]. */
  corpus: string;
  /** A gold file to run instead of a corpus's, over DOCS_DIR (corpus "custom"). */
  gold: string | undefined;
  check: boolean;
  save: boolean;
  baseUrl: string | undefined;
  /** Undefined: eval/out/<timestamp>/ for a normal run, no files for a gate run. */
  out: string | undefined;
  k: number;
  split: "tune" | "heldout" | "all";
  gate: boolean;
  baseline: boolean;
  thresholds: string;
  /** Which store the engine runs on: the local one, PostgreSQL, or both side by side (local first, gated). */
  store: "local" | "postgres" | "both";
  help: boolean;
}

export const USAGE = `Usage: npm run eval -- [options]
  --corpus NAMES     news | python-docs | r-manuals | debian-handbook, comma-separated, or all (default news); a missing corpus
                     is fetched first from its pinned Debian package
  --gold FILE        run this gold set over DOCS_DIR instead (corpus "custom")
  --check            only validate the gold set(s) against the extracted documents, then exit
  --base-url URL     evaluate a running server's POST /api/ask instead of the in-process engine
  --out DIR          report folder (default eval/out/<timestamp>/; a --gate run writes none unless given)
  --k N              retrieval depth for hit@k, MRR and document recall; also sent as topK (default 5)
  --split S          tune | heldout | all (default all)
  --gate             exit 1 when a metric misses its corpus's thresholds in eval/thresholds.json
  --baseline         also run the baselines: the common recipe (1,000/200 chunks, plain-mean dense top-4, no BM25,
                     no abstention) and the top BM25 chunk quoted as the answer
  --thresholds FILE  per-corpus thresholds (default eval/thresholds.json)
  --store S          local | postgres | both (default local): the store our engine answers from; postgres uses
                     DATABASE_URL (one schema per corpus, eval_<corpus>) or, without one, an in-process PGlite
                     served over a socket to the pg driver; both runs ours on each, side by side
  --save             also write the summary to eval/results/ (a plain run changes no tracked file)
  --help`;

/** Parses and checks the harness's command line; bad values throw one AppError naming them all. */
export function parseEvalArgs(argv: readonly string[]): EvalArgs {
  const values = parseOptions(argv);
  const problems: string[] = [];
  const k = Number(values.k);
  if (!Number.isInteger(k) || k < 1 || k > 20) problems.push(`--k must be an integer from 1 to 20, got "${values.k}"`);
  const split = values.split;
  if (split !== "tune" && split !== "heldout" && split !== "all") problems.push(`--split must be tune, heldout or all, got "${split}"`);
  const baseUrl = values["base-url"];
  if (baseUrl !== undefined && !URL.canParse(baseUrl)) problems.push(`--base-url is not a URL: "${baseUrl}"`);
  const store = values.store;
  if (store !== "local" && store !== "postgres" && store !== "both") problems.push(`--store must be local, postgres or both, got "${store}"`);
  if (problems.length) throw new AppError("BAD_REQUEST", `${problems.join("\n")}\n\n${USAGE}`, { details: problems });
  return {
    corpus: values.corpus,
    gold: values.gold === undefined ? undefined : path.resolve(values.gold),
    check: values.check,
    save: values.save,
    baseUrl,
    out: values.out === undefined ? undefined : path.resolve(values.out),
    k,
    split: split as EvalArgs["split"],
    gate: values.gate,
    baseline: values.baseline,
    thresholds: path.resolve(values.thresholds),
    store: store as EvalArgs["store"],
    help: values.help,
  };
}

/** node's parseArgs, with an unknown option or a missing value reported like the other usage errors. */
function parseOptions(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      strict: true,
      options: {
        corpus: { type: "string", default: "news" },
        gold: { type: "string" },
        check: { type: "boolean", default: false },
        save: { type: "boolean", default: false },
        "base-url": { type: "string" },
        out: { type: "string" },
        k: { type: "string", default: "5" },
        split: { type: "string", default: "all" },
        gate: { type: "boolean", default: false },
        baseline: { type: "boolean", default: false },
        store: { type: "string", default: "local" },
        thresholds: { type: "string", default: path.join(import.meta.dirname, "thresholds.json") },
        help: { type: "boolean", default: false },
      },
    }).values;
  } catch (err) {
    throw new AppError("BAD_REQUEST", `${(err as Error).message}\n\n${USAGE}`, { cause: err });
  }
}
