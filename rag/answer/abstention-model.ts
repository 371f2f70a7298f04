import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { Evidence } from "./extractive/abstain.js";

/** The abstention signals, turned into the model's inputs (each in [0, 1]). */
export const FEATURES = {
  support: (e: Signals) => e.support,
  names: (e: Signals) => e.names,
  supportTimesNames: (e: Signals) => e.support * e.names,
  spelled: (e: Signals) => e.spelled,
  missingName: (e: Signals) => (e.missingNames.some((n) => !e.acronyms.includes(n)) ? 1 : 0),
  missingAcronym: (e: Signals) => (e.missingNames.some((n) => e.acronyms.includes(n)) ? 1 : 0),
  missingIdentifier: (e: Signals) => (e.missingIdentifiers.length > 0 ? 1 : 0),
  answerKind: (e: Signals) => e.answerKind,
} as const satisfies Record<string, (e: Signals) => number>;

export type Signals = Omit<Evidence, "score">;
export type FeatureName = keyof typeof FEATURES;

const ModelSchema = z.strictObject({
  version: z.string().min(1),
  features: z.array(z.enum(Object.keys(FEATURES) as [FeatureName, ...FeatureName[]])).min(1),
  weights: z.array(z.number()),
  bias: z.number(),
  /** Abstain below this probability (the default of ABSTAIN_THRESHOLD). */
  threshold: z.number().min(0).max(1),
  fittedOn: z.record(z.string(), z.unknown()),
});
export type AbstentionModel = z.infer<typeof ModelSchema>;

export const MODEL_FILE = path.join(import.meta.dirname, "abstention-model.json");

/** The committed model; read once, checked so that a bad edit fails at start-up, not per question. */
export const ABSTENTION_MODEL: AbstentionModel = parseModel(readFileSync(MODEL_FILE, "utf8"));

export function parseModel(text: string): AbstentionModel {
  const model = ModelSchema.parse(JSON.parse(text));
  if (model.weights.length !== model.features.length) throw new Error(`${MODEL_FILE}: ${model.weights.length} weights for ${model.features.length} features`);
  return model;
}

export function featureVector(signals: Signals, features: readonly FeatureName[] = ABSTENTION_MODEL.features): number[] {
  return features.map((f) => FEATURES[f](signals));
}

/** σ(w·x + b): the model's probability that the retrieved passages answer the question. */
export function answerProbability(signals: Signals, model: AbstentionModel = ABSTENTION_MODEL): number {
  const x = featureVector(signals, model.features);
  return sigmoid(x.reduce((z, xi, i) => z + xi * model.weights[i]!, model.bias));
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
