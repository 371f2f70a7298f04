/** `npm run feedback -- [--since DATE] [--format csv|jsonl|gold] [--db FILE]`: prints the readers' feedback. */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadConfig } from "../../core/config.js";
import { AppError, errorMessage } from "../../core/errors.js";
import { EXPORT_FORMATS, exportFeedback, type ExportFormat } from "./export-feedback.js";
import { SqliteFeedbackStore } from "./feedback-store.js";

const USAGE = `Usage: npm run feedback -- [options]
  --since DATE    only feedback given or changed on or after DATE (YYYY-MM-DD or an ISO time)
  --format F      csv (default) | jsonl | gold (down-voted answers as eval/gold.jsonl candidate lines)
  --db FILE       the feedback database (default FEEDBACK_DB, .data/feedback.sqlite)
  --help`;

interface FeedbackArgs {
  since: Date | undefined;
  format: ExportFormat;
  db: string | undefined;
  help: boolean;
}

function parseFeedbackArgs(argv: string[]): FeedbackArgs {
  const { values } = parseArgs({
    args: argv,
    options: { since: { type: "string" }, format: { type: "string", default: "csv" }, db: { type: "string" }, help: { type: "boolean", default: false } },
    strict: true,
  });
  const problems: string[] = [];
  const since = values.since === undefined ? undefined : new Date(values.since);
  if (since && Number.isNaN(since.getTime())) problems.push(`--since must be a date such as 2026-12-01, got "${values.since}"`);
  const format = EXPORT_FORMATS.find((f) => f === values.format);
  if (!format) problems.push(`--format must be ${EXPORT_FORMATS.join(", ")}, got "${values.format}"`);
  if (problems.length || !format) throw new AppError("BAD_REQUEST", `${problems.join("\n")}\n\n${USAGE}`);
  return { since, format, db: values.db, help: values.help };
}

try {
  const args = parseFeedbackArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
  } else {
    const file = args.db ?? loadConfig().feedback.dbPath;
    if (!existsSync(file)) throw new AppError("NOT_FOUND", `No feedback database at ${file} (none was given yet, or set FEEDBACK_DB / --db)`);
    const store = new SqliteFeedbackStore(file);
    try {
      process.stdout.write(exportFeedback(store.list(args.since), args.format));
    } finally {
      store.close();
    }
  }
} catch (err) {
  console.error(errorMessage(err));
  process.exitCode = 1;
}
