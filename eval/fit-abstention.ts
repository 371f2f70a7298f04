/**
 * Fits the extractive composer's abstention model (rag/answer/abstention-model.json) on the tune corpora:
 * `npm run fit:abstention`. For every tune question it retrieves as the engine does, computes the composer's
 * evidence signals and labels them answerable or not; then fits a logistic regression (L2, gradient descent on
 * [0, 1] features, each corpus weighing the same) and picks the probability threshold whose worst tune corpus is
 * most accurate while no corpus abstains on more than 5% of its answerable questions. Held-out corpora are never read.
 */
import { writeFile } from "node:fs/promises";
import { loadConfig } from "../core/config.js";
import type { Hit } from "../core/types.js";
import { hasWordVectors, runIngest } from "../ingest/index.js";
import { createEngine, type StandaloneQuestion } from "../rag/index.js";
import { ExtractiveAnswerer } from "../rag/answer/extractive/extractive-answerer.js";
import { ABSTENTION_MODEL, featureVector, MODEL_FILE, sigmoid, type AbstentionModel } from "../rag/answer/abstention-model.js";
import { loadCorpus } from "./corpora/corpus.js";
import { ensureCorpus } from "./corpora/fetch.js";
import { loadGold, validateGold } from "./gold.js";
import { openEmbedder, targetConfig } from "./runners/open.js";

const TUNE_CORPORA = ["python-docs", "news"];
const MAX_FALSE_ABSTENTIONS = 0.05;
const L2 = 0.01;
const STEPS = 20_000;
const RATE = 0.5;

interface Sample {
  corpus: string;
  id: string;
  x: number[];
  answerable: boolean;
}

async function collect(name: string): Promise<Sample[]> {
  const corpus = await loadCorpus(name);
  await ensureCorpus(corpus);
  const config = targetConfig(loadConfig(), corpus);
  const embedder = await openEmbedder(config);
  const { docsDir, indexDir, chunkSize, chunkOverlap } = config.ingest;
  await runIngest({ docsDir, indexDir, chunkSize, chunkOverlap }, { embedder });
  const composer = new ExtractiveAnswerer({ wordVectors: hasWordVectors(embedder) ? embedder : undefined, abstainThreshold: 0 });
  let last: { question: StandaloneQuestion; hits: readonly Hit[] } | undefined;
  const engine = await createEngine(config, { embedder, answerer: composer, onRetrieve: (_query, hits, question) => (last = { question, hits }) });
  const gold = (await loadGold(corpus.gold)).filter((g) => g.split === "tune");
  await validateGold(gold, corpus.docsDir, corpus.role === "split" ? "tune" : corpus.role);
  const samples: Sample[] = [];
  for (const item of gold) {
    for await (const _ of engine.ask({ question: item.question, ...(item.history ? { history: item.history } : {}) }));
    const { evidence } = composer.analyse(last!.question, last!.hits);
    samples.push({ corpus: name, id: item.id, x: featureVector(evidence), answerable: item.answerable });
  }
  await engine.close();
  return samples;
}

/** Logistic regression by batch gradient descent; each corpus weighs the same, however many questions it has. */
function fit(samples: readonly Sample[], dims: number): { weights: number[]; bias: number } {
  const perCorpus = new Map<string, number>();
  for (const s of samples) perCorpus.set(s.corpus, (perCorpus.get(s.corpus) ?? 0) + 1);
  const weightOf = (s: Sample) => 1 / (perCorpus.size * perCorpus.get(s.corpus)!);
  const w = new Array<number>(dims).fill(0);
  let b = 0;
  for (let step = 0; step < STEPS; step++) {
    const gw = w.map((wi) => L2 * wi);
    let gb = 0;
    for (const s of samples) {
      const err = (sigmoid(s.x.reduce((z, xi, i) => z + xi * w[i]!, b)) - (s.answerable ? 1 : 0)) * weightOf(s);
      s.x.forEach((xi, i) => (gw[i]! += err * xi));
      gb += err;
    }
    w.forEach((_, i) => (w[i]! -= RATE * gw[i]!));
    b -= RATE * gb;
  }
  return { weights: w, bias: b };
}

interface Scored {
  corpus: string;
  p: number;
  answerable: boolean;
}

/** Accuracy and false-abstention share of one threshold over some questions. */
function rates(qs: readonly Scored[], t: number): { accuracy: number; falseAbstentions: number } {
  const answerable = qs.filter((q) => q.answerable);
  return {
    accuracy: qs.filter((q) => q.p >= t === q.answerable).length / qs.length,
    falseAbstentions: answerable.filter((q) => q.p < t).length / Math.max(1, answerable.length),
  };
}

/**
 * The threshold that carries over best: the one whose worst tune corpus is most accurate, among those that keep
 * every corpus within the false-abstention budget (the middle one of a run of equals).
 */
function chooseThreshold(scored: readonly Scored[]): { threshold: number; accuracy: number; falseAbstentions: number; worstCorpusAccuracy: number } {
  const corpora = [...new Set(scored.map((q) => q.corpus))].map((c) => scored.filter((q) => q.corpus === c));
  const cuts = [...new Set(scored.map((q) => q.p))].sort((a, b) => a - b);
  const candidates = [0, ...cuts.slice(0, -1).map((c, i) => (c + cuts[i + 1]!) / 2)];
  const judged = candidates.map((t) => {
    const each = corpora.map((qs) => rates(qs, t));
    return {
      threshold: t,
      ...rates(scored, t),
      worstCorpusAccuracy: Math.min(...each.map((r) => r.accuracy)),
      withinBudget: each.every((r) => r.falseAbstentions <= MAX_FALSE_ABSTENTIONS),
    };
  });
  const allowed = judged.filter((j) => j.withinBudget);
  const best = Math.max(...allowed.map((j) => j.worstCorpusAccuracy));
  const run = allowed.filter((j) => j.worstCorpusAccuracy === best);
  const { withinBudget: _, ...chosen } = run[Math.floor(run.length / 2)]!;
  return chosen;
}

const samples = (await Promise.all(TUNE_CORPORA.map(collect))).flat();
const features = ABSTENTION_MODEL.features;
const { weights, bias } = fit(samples, features.length);
const probabilities = samples.map((s) => ({ corpus: s.corpus, p: sigmoid(s.x.reduce((z, xi, i) => z + xi * weights[i]!, bias)), answerable: s.answerable }));
const chosen = chooseThreshold(probabilities);
const model: AbstentionModel = {
  version: new Date().toISOString().slice(0, 10),
  features: [...features],
  weights: weights.map((w) => Math.round(w * 1e4) / 1e4),
  bias: Math.round(bias * 1e4) / 1e4,
  threshold: Math.round(chosen.threshold * 1e4) / 1e4,
  fittedOn: {
    script: "eval/fit-abstention.ts",
    corpora: TUNE_CORPORA,
    split: "tune",
    questions: samples.length,
    unanswerable: samples.filter((s) => !s.answerable).length,
    tuneAccuracy: Math.round(chosen.accuracy * 1e3) / 1e3,
    tuneFalseAbstentions: Math.round(chosen.falseAbstentions * 1e3) / 1e3,
    worstCorpusAccuracy: Math.round(chosen.worstCorpusAccuracy * 1e3) / 1e3,
    l2: L2,
  },
};
await writeFile(MODEL_FILE, `${JSON.stringify(model, null, 2)}\n`);
// The calibration log: every tune question's features and probability, so a fit can be checked by eye.
console.log(`| corpus | id | answerable | ${features.join(" | ")} | p |\n|${" --- |".repeat(features.length + 4)}`);
samples.forEach((s, i) =>
  console.log(`| ${s.corpus} | ${s.id} | ${s.answerable} | ${s.x.map((v) => v.toFixed(2)).join(" | ")} | ${probabilities[i]!.p.toFixed(3)} |`),
);
console.log(JSON.stringify(model, null, 2));
