/** Percentile by linear interpolation between closest ranks (p in 0..100); NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (Math.min(Math.max(p, 0), 100) / 100) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export interface LatencyStats {
  p50: number;
  p95: number;
  max: number;
}

export interface LatencySummary {
  retrieve: LatencyStats;
  generate: LatencyStats;
  total: LatencyStats;
}

const stats = (values: readonly number[]): LatencyStats => ({
  p50: percentile(values, 50),
  p95: percentile(values, 95),
  max: values.length ? Math.max(...values) : Number.NaN,
});

/** p50/p95/max of retrieve, generate and total milliseconds over a run. */
export function latencySummary(timings: readonly { retrieveMs: number; generateMs: number; totalMs: number }[]): LatencySummary {
  return {
    retrieve: stats(timings.map((t) => t.retrieveMs)),
    generate: stats(timings.map((t) => t.generateMs)),
    total: stats(timings.map((t) => t.totalMs)),
  };
}
