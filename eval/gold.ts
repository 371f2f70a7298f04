import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { AppError, errorMessage } from "../core/errors.js";
import { cleanDocument, loadFile } from "../ingest/index.js";
import { containsVerbatim } from "./normalize.js";
import { assignSplits, type Split } from "./split.js";
import { factGroupsMissing } from "./metrics/fact-recall.js";

export const GOLD_TYPES = [
  "single-fact",
  "list",
  "number-date",
  "paraphrase",
  "multi-doc",
  "conflict",
  "pdf",
  "follow-up",
  "unanswerable",
  "definition",
  "default-value",
  "how-to",
  "open",
  "multi-part",
] as const;

/** Types whose evidence must ALL be retrieved (one per source); for the others any one evidence suffices. */
export const ALL_EVIDENCE_TYPES: ReadonlySet<GoldType> = new Set(["multi-doc", "conflict"]);

const TurnSchema = z.object({ role: z.enum(["user", "assistant"]), content: z.string().min(1) });

export const GoldItemSchema = z.object({
  id: z.string().regex(/^[a-z]+-\d+$/, "an id such as sf-01"),
  type: z.enum(GOLD_TYPES),
  question: z.string().trim().min(1),
  history: z.array(TurnSchema).optional(),
  answer: z.string().min(1),
  facts: z.array(z.array(z.string().trim().min(1)).min(1)),
  sources: z.array(z.string().min(1)),
  evidence: z.union([z.string(), z.array(z.string().min(1))]).default(""),
  answerable: z.boolean(),
  split: z.enum(["tune", "heldout"]),
});

export type GoldType = (typeof GOLD_TYPES)[number];
/** A corpus's role: every item has the corpus's split, or ("split") each item its own seeded split. */
export type SplitRole = Split | "split";
export type GoldItem = z.infer<typeof GoldItemSchema>;

/** The evidence strings of an item as a list (empty for unanswerable items). */
export function evidenceList(item: Pick<GoldItem, "evidence">): string[] {
  return (Array.isArray(item.evidence) ? item.evidence : [item.evidence]).filter((e) => e.length > 0);
}

/** Parses a JSONL gold file; every bad line is reported at once. */
export async function loadGold(file: string): Promise<GoldItem[]> {
  const text = await readFile(file, "utf8").catch((cause: unknown) => {
    throw new AppError("NOT_FOUND", `Cannot read gold file ${file}`, { cause });
  });
  return parseGold(text, file);
}

export function parseGold(text: string, label = "gold"): GoldItem[] {
  const items: GoldItem[] = [];
  const problems: string[] = [];
  text.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (err) {
      problems.push(`${label}:${i + 1}: invalid JSON (${(err as Error).message})`);
      return;
    }
    const parsed = GoldItemSchema.safeParse(json);
    if (parsed.success) items.push(parsed.data);
    else for (const issue of parsed.error.issues) problems.push(`${label}:${i + 1}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  });
  if (problems.length) throw new AppError("BAD_REQUEST", `Invalid gold set:\n  ${problems.join("\n  ")}`, { details: problems });
  return items;
}

/**
 * Every problem of a parsed gold set: evidence not found verbatim (whitespace and quote style aside)
 * in one of its sources, missing source files, duplicate ids, inconsistent unanswerable items,
 * a gold answer that misses its own facts, a follow-up without history, a multi-doc or conflict item
 * without evidence from each of its sources, a split that differs from the seeded split.
 */
export async function findGoldProblems(gold: readonly GoldItem[], docsDir: string, role: SplitRole = "split"): Promise<string[]> {
  const problems: string[] = [];
  const texts = await extractSources(gold, docsDir, problems);
  const seen = new Set<string>();
  const splits = role === "split" ? assignSplits(gold) : new Map(gold.map((g) => [g.id, role]));
  for (const item of gold) {
    const at = (msg: string) => problems.push(`${item.id}: ${msg}`);
    if (seen.has(item.id)) at("duplicate id");
    seen.add(item.id);
    if (splits.get(item.id) !== item.split)
      at(`split is ${item.split}, ${role === "split" ? "the seeded split says" : "the corpus is"} ${splits.get(item.id)}`);
    if (item.type === "follow-up" && !item.history?.length) at("follow-up without history");
    if (item.answerable !== (item.type !== "unanswerable")) at("answerable must be false exactly for type unanswerable");
    if (!item.answerable) {
      if (item.facts.length || item.sources.length || evidenceList(item).length) at("unanswerable items have no facts, sources or evidence");
      continue;
    }
    if (!item.facts.length) at("no facts");
    if (!item.sources.length) at("no sources");
    const missing = factGroupsMissing(item.answer, item.facts);
    if (missing.length) at(`gold answer misses its own facts ${JSON.stringify(missing)}`);
    const evidence = evidenceList(item);
    if (!evidence.length) at("no evidence");
    for (const e of evidence) {
      const found = item.sources.some((s) => texts.has(s) && containsVerbatim(texts.get(s) ?? "", e));
      if (!found) at(`evidence not found in ${item.sources.join(", ")}: "${e}"`);
    }
    // "all"-evidence types score retrieval on finding every source, so each source needs its own evidence.
    if (ALL_EVIDENCE_TYPES.has(item.type)) {
      for (const s of item.sources.filter((s) => texts.has(s) && !evidence.some((e) => containsVerbatim(texts.get(s)!, e)))) {
        at(`${item.type} item has no evidence from source ${s}`);
      }
    }
  }
  return problems;
}

/** Throws one AppError listing every problem, or returns quietly. */
export async function validateGold(gold: readonly GoldItem[], docsDir: string, role: SplitRole = "split"): Promise<void> {
  const problems = await findGoldProblems(gold, docsDir, role);
  if (problems.length) throw new AppError("BAD_REQUEST", `Gold set has ${problems.length} problem(s):\n  ${problems.join("\n  ")}`, { details: problems });
}

/**
 * The text of each source as the index sees it (loaded and cleaned by ingest, so HTML and PDF evidence is
 * checked against extracted text, not raw bytes), with the title in front, since a title is indexed too.
 */
async function extractSources(gold: readonly GoldItem[], docsDir: string, problems: string[]): Promise<Map<string, string>> {
  const names = [...new Set(gold.flatMap((g) => g.sources))];
  const texts = new Map<string, string>();
  await Promise.all(
    names.map(async (name) => {
      try {
        const doc = cleanDocument(await loadFile(await readFile(path.join(docsDir, name)), name), name);
        texts.set(name, `${doc.title}\n\n${doc.text}`);
      } catch (err) {
        problems.push(`source ${name}: cannot extract from ${docsDir} (${(err as NodeJS.ErrnoException).code ?? errorMessage(err)})`);
      }
    }),
  );
  return texts;
}
