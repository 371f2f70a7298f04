import { readFile } from "node:fs/promises";
import { z } from "zod";
import { AppError } from "../core/errors.js";
import type { GateFailure } from "./report/report.js";
import { METRIC_KEYS, type Metrics } from "./summary.js";

const MinSchema = z.partialRecord(z.enum(METRIC_KEYS), z.number().min(0).max(1));

export const ThresholdsSchema = z.strictObject({
  /** A metric below its minimum fails the gate. */
  min: MinSchema.default({}),
  /** Latency ceilings in milliseconds. */
  max: z.strictObject({ totalP95Ms: z.number().positive().optional() }).default({}),
});
export type Thresholds = z.infer<typeof ThresholdsSchema>;

export async function loadThresholds(file: string): Promise<Thresholds> {
  const text = await readFile(file, "utf8").catch((cause: unknown) => {
    throw new AppError("NOT_FOUND", `Cannot read thresholds ${file}`, { cause });
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new AppError("CONFIG_INVALID", `Invalid thresholds ${file}: not JSON (${(cause as Error).message})`, { cause });
  }
  const parsed = ThresholdsSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new AppError("CONFIG_INVALID", `Invalid thresholds ${file}:\n  ${problems.join("\n  ")}`, { details: problems });
  }
  return parsed.data;
}

/** Every metric of `m` that misses its threshold; a metric with no value (nothing to measure) fails too. */
export function checkGate(run: string, m: Metrics, t: Thresholds): GateFailure[] {
  const failures: GateFailure[] = [];
  for (const [metric, threshold] of Object.entries(t.min) as [keyof typeof t.min, number][]) {
    const value = m[metric];
    if (value === null || value < threshold) failures.push({ run, metric, value, threshold, kind: "min" });
  }
  const p95 = m.latency.total.p95;
  if (t.max.totalP95Ms !== undefined && !(p95 <= t.max.totalP95Ms)) {
    failures.push({ run, metric: "totalP95Ms", value: Number.isNaN(p95) ? null : p95, threshold: t.max.totalP95Ms, kind: "max" });
  }
  return failures;
}
