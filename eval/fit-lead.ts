/**
 * Fits the extractive composer's lead-sentence model (rag/answer/extractive/lead-model.json) on the tune corpora:
 * `npm run fit:lead`. For every answerable tune question it retrieves as the engine does and takes the composer's
 * candidate sentences; those holding the most gold fact groups are the ones that should open the answer. A linear
 * score over the candidates' features is fitted so that a softmax over each question's candidates puts its mass on
 * them (L2, gradient descent; each corpus weighs the same, each question the same within it). Held-out corpora are
 * never read.
 */
import { writeFile } from "node:fs/promises";
import { LEAD_FEATURES, leadFeatureVector, type LeadFeatureName } from "../rag/answer/extractive/lead-features.js";
import { LEAD_MODEL_FILE, type LeadModel } from "../rag/answer/extractive/lead-model.js";
import { factGroupsMissing } from "./metrics/fact-recall.js";
import { analyseTuneQuestions } from "./tune-analyses.js";

const TUNE_CORPORA = ["python-docs", "news"];
const FEATURES = Object.keys(LEAD_FEATURES) as LeadFeatureName[];
const L2 = 0.0001;
const STEPS = 20_000;
const RATE = 0.5;

/** One question's candidates: feature rows, and which rows hold the most fact groups. */
interface Question {
  corpus: string;
  id: string;
  rows: number[][];
  positive: boolean[];
  /** Whether the composer's current lead is among the positives (reported beside the fit). */
  leadWasRight: boolean;
}

async function collect(name: string): Promise<Question[]> {
  const questions: Question[] = [];
  for (const { item, analysis } of await analyseTuneQuestions(name)) {
    if (!item.answerable) continue;
    const { profile, candidates, picked } = analysis;
    const matching = uniqueQuotes(candidates.filter((c) => c.coverage > 0));
    const held = (quote: string) => item.facts.length - factGroupsMissing(quote, item.facts).length;
    const counts = matching.map((c) => held(c.sentence.quote));
    const most = Math.max(0, ...counts);
    if (most === 0 || matching.length < 2) continue;
    const context = { profile, bestScore: Math.max(...matching.map((c) => c.score)) };
    questions.push({
      corpus: name,
      id: item.id,
      rows: matching.map((c) => leadFeatureVector(c, context, FEATURES)),
      positive: counts.map((n) => n === most),
      leadWasRight: picked[0] !== undefined && held(picked[0].sentence.quote) === most,
    });
  }
  return questions;
}

function uniqueQuotes<T extends { sentence: { quote: string }; score: number }>(items: readonly T[]): T[] {
  const best = new Map<string, T>();
  for (const c of items) if (!best.has(c.sentence.quote) || best.get(c.sentence.quote)!.score < c.score) best.set(c.sentence.quote, c);
  return [...best.values()];
}

const dotRow = (w: readonly number[], x: readonly number[]) => x.reduce((z, xi, i) => z + xi * w[i]!, 0);

/** Per question: the softmax over its candidates, and the gradient of −log(mass on the positives). */
function questionGradient(q: Question, w: readonly number[], grad: number[], weight: number): void {
  const z = q.rows.map((x) => dotRow(w, x));
  const top = Math.max(...z);
  const e = z.map((v) => Math.exp(v - top));
  const total = e.reduce((a, b) => a + b, 0);
  const pos = e.reduce((a, v, i) => a + (q.positive[i] ? v : 0), 0);
  q.rows.forEach((x, i) => {
    const g = e[i]! / total - (q.positive[i] ? e[i]! / pos : 0);
    x.forEach((xi, j) => (grad[j]! += weight * g * xi));
  });
}

function fit(questions: readonly Question[]): number[] {
  const perCorpus = new Map<string, number>();
  for (const q of questions) perCorpus.set(q.corpus, (perCorpus.get(q.corpus) ?? 0) + 1);
  const w = new Array<number>(FEATURES.length).fill(0);
  for (let step = 0; step < STEPS; step++) {
    const grad = w.map((wi) => L2 * wi);
    for (const q of questions) questionGradient(q, w, grad, 1 / (perCorpus.size * perCorpus.get(q.corpus)!));
    w.forEach((_, j) => (w[j]! -= RATE * grad[j]!));
  }
  return w;
}

/** Share of questions whose top-scoring candidate is a positive. */
function leadAccuracy(questions: readonly Question[], w: readonly number[]): number {
  const right = questions.filter((q) => {
    const z = q.rows.map((x) => dotRow(w, x));
    return q.positive[z.indexOf(Math.max(...z))];
  });
  return right.length / Math.max(1, questions.length);
}

const questions = (await Promise.all(TUNE_CORPORA.map(collect))).flat();
const weights = fit(questions);
const report = Object.fromEntries(
  TUNE_CORPORA.map((c) => {
    const qs = questions.filter((q) => q.corpus === c);
    const before = qs.filter((q) => q.leadWasRight).length / Math.max(1, qs.length);
    return [c, { questions: qs.length, leadRightBefore: round(before), leadRightAfter: round(leadAccuracy(qs, weights)) }];
  }),
);
const model: LeadModel = {
  version: new Date().toISOString().slice(0, 10),
  features: FEATURES,
  weights: weights.map((x) => Math.round(x * 1e4) / 1e4),
  fittedOn: { script: "eval/fit-lead.ts", corpora: TUNE_CORPORA, split: "tune", l2: L2, ...report },
};
await writeFile(LEAD_MODEL_FILE, `${JSON.stringify(model, null, 2)}\n`);
console.log(JSON.stringify(report, null, 2));
function round(x: number): number {
  return Math.round(x * 1e3) / 1e3;
}
