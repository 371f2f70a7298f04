import { createHash } from "node:crypto";

export type Split = "tune" | "heldout";

const SPLIT_SEED = "citebot-gold-v1";
const HELDOUT_SHARE = 0.3;

/**
 * Deterministic tune/held-out split, balanced by type: inside each type, items are ordered by a seeded
 * hash of their id and the first round(n × share) go to held-out. Adding an item moves few others.
 */
export function assignSplits(items: readonly { id: string; type: string }[], seed = SPLIT_SEED, share = HELDOUT_SHARE): Map<string, Split> {
  const byType = new Map<string, string[]>();
  for (const { id, type } of items) byType.set(type, [...(byType.get(type) ?? []), id]);
  const out = new Map<string, Split>();
  for (const ids of byType.values()) {
    const ranked = ids.map((id) => ({ id, h: hash(`${seed}:${id}`) })).sort((a, b) => a.h.localeCompare(b.h));
    const heldout = Math.round(ranked.length * share);
    ranked.forEach(({ id }, i) => out.set(id, i < heldout ? "heldout" : "tune"));
  }
  return out;
}

function hash(s: string): string {
  return createHash("sha256").update(s).digest("hex");
}
