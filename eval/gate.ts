import { readFile } from "node:fs/promises";
import { z } from "zod";
import { AppError } from "../core/errors.js";
import type { GateFailure } from "./report/report.js";
import { METRIC_KEYS, type Metrics } from "./summary.js";

const MinSchema = z.partialRecord(z.enum(METRIC_KEYS), z.number().min(0).max(1));

export const ThresholdsSchema = z.strictObject({
  /** A metric below its minimum fails the gate. */
  min: MinSchema.default({}),
  /** Ceilings: total latency p95 in milliseconds, the share of false abstentions, the median answer length in words. */
  max: z
    .strictObject({
      totalP95Ms: z.number().positive().optional(),
      falseAbstentionRate: z.number().min(0).max(1).optional(),
      wordsP50: z.number().positive().optional(),
    })
    .default({}),
});
export type Thresholds = z.infer<typeof ThresholdsSchema>;

/** eval/thresholds.json: one set of thresholds per corpus, since corpora differ in difficulty. */
const ThresholdsFileSchema = z.record(z.string(), ThresholdsSchema);

/** The thresholds of one corpus; a corpus the file does not name is an error, so no corpus is gated on nothing. */
export async function loadThresholds(file: string, corpus: string): Promise<Thresholds> {
  const text = await readFile(file, "utf8").catch((cause: unknown) => {
    throw new AppError("NOT_FOUND", `Cannot read thresholds ${file}`, { cause });
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new AppError("CONFIG_INVALID", `Invalid thresholds ${file}: not JSON (${(cause as Error).message})`, { cause });
  }
  const parsed = ThresholdsFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new AppError("CONFIG_INVALID", `Invalid thresholds ${file}:\n  ${problems.join("\n  ")}`, { details: problems });
  }
  const own = parsed.data[corpus];
  if (!own) throw new AppError("CONFIG_INVALID", `${file} has no thresholds for corpus "${corpus}" (it has ${Object.keys(parsed.data).join(", ")})`);
  return own;
}

/** The value each ceiling applies to; NaN (nothing measured) fails. */
const CEILINGS: Record<keyof Thresholds["max"], (m: Metrics) => number | null> = {
  totalP95Ms: (m) => m.latency.total.p95,
  falseAbstentionRate: (m) => m.falseAbstentionRate,
  wordsP50: (m) => m.words.p50,
};

/** Every metric of `m` that misses its threshold; a metric with no value (nothing to measure) fails too. */
export function checkGate(run: string, m: Metrics, t: Thresholds): GateFailure[] {
  const failures: GateFailure[] = [];
  for (const [metric, threshold] of Object.entries(t.min) as [keyof typeof t.min, number][]) {
    const value = m[metric];
    if (value === null || value < threshold) failures.push({ run, metric, value, threshold, kind: "min" });
  }
  for (const [metric, threshold] of Object.entries(t.max) as [keyof Thresholds["max"], number | undefined][]) {
    if (threshold === undefined) continue;
    const value = CEILINGS[metric](m);
    if (value === null || !(value <= threshold))
      failures.push({ run, metric, value: value === null || Number.isNaN(value) ? null : value, threshold, kind: "max" });
  }
  return failures;
}
