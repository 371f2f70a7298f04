import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { LEAD_FEATURES, leadFeatureVector, type LeadContext, type LeadFeatureName } from "./lead-features.js";
import type { QuestionProfile } from "../question.js";
import type { ScoredSentence } from "./sentence-score.js";

const ModelSchema = z.strictObject({
  version: z.string().min(1),
  features: z.array(z.enum(Object.keys(LEAD_FEATURES) as [LeadFeatureName, ...LeadFeatureName[]])).min(1),
  weights: z.array(z.number()),
  fittedOn: z.record(z.string(), z.unknown()),
});
export type LeadModel = z.infer<typeof ModelSchema>;

export const LEAD_MODEL_FILE = path.join(import.meta.dirname, "lead-model.json");

export function parseLeadModel(text: string): LeadModel {
  const model = ModelSchema.parse(JSON.parse(text));
  if (model.weights.length !== model.features.length)
    throw new Error(`${LEAD_MODEL_FILE}: ${model.weights.length} weights for ${model.features.length} features`);
  return model;
}

/** The committed model, read once and checked at start-up. */
export const LEAD_MODEL: LeadModel = parseLeadModel(readFileSync(LEAD_MODEL_FILE, "utf8"));

/** The linear score the model ranks candidates by (a softmax over one question's candidates in the fit). */
export function leadScore(c: ScoredSentence, context: LeadContext, model: LeadModel = LEAD_MODEL): number {
  return leadFeatureVector(c, context, model.features).reduce((z, xi, i) => z + xi * model.weights[i]!, 0);
}

/** The candidate the model finds most likely to state the answer; undefined when none matches the question. */
export function chooseLead(candidates: readonly ScoredSentence[], profile: QuestionProfile, model: LeadModel = LEAD_MODEL): ScoredSentence | undefined {
  const matching = candidates.filter((c) => c.coverage > 0);
  const context = { profile, bestScore: Math.max(0, ...matching.map((c) => c.score)) };
  let top: ScoredSentence | undefined;
  let topScore = -Infinity;
  for (const c of matching) {
    const s = leadScore(c, context, model);
    if (s > topScore) [top, topScore] = [c, s];
  }
  return top;
}
