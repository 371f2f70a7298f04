import type { FeedbackRecord } from "./feedback-store.js";
import { toGoldCandidate } from "./gold-candidate.js";

export const EXPORT_FORMATS = ["csv", "jsonl", "gold"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const CSV_COLUMNS = ["createdAt", "updatedAt", "rating", "comment", "question", "answer", "chunkIds", "generator", "id"] as const;

/**
 * Feedback as text: `csv` (one row each, for a spreadsheet), `jsonl` (one record a line), or `gold` (the
 * down-voted answers as gold-set candidate lines for eval/gold.jsonl).
 */
export function exportFeedback(records: readonly FeedbackRecord[], format: ExportFormat): string {
  if (format === "jsonl") return records.map((r) => `${JSON.stringify(r)}\n`).join("");
  if (format === "gold") {
    return records
      .filter((r): r is FeedbackRecord & { rating: "down" } => r.rating === "down")
      .map((r) => `${JSON.stringify(toGoldCandidate(r))}\n`)
      .join("");
  }
  const rows = records.map((r) => CSV_COLUMNS.map((c) => csvField(c === "chunkIds" ? r.chunkIds.join(" ") : r[c])));
  return [CSV_COLUMNS.join(","), ...rows.map((row) => row.join(","))].map((line) => `${line}\r\n`).join("");
}

/** RFC 4180: quote a field holding a comma, quote or line break, doubling its quotes. */
function csvField(value: string | null): string {
  const s = value ?? "";
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
