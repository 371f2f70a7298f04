import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { ExtractiveAnswerer } from "./extractive-answerer.js";
import { hit } from "../hits.fixture.js";
import { LEAD_FEATURES } from "./lead-features.js";
import { chooseLead, LEAD_MODEL, LEAD_MODEL_FILE, parseLeadModel, type LeadModel } from "./lead-model.js";
import { analysePassage } from "./passage-cache.js";
import { profileQuestion } from "../question.js";
import { scoreSentences } from "./sentence-score.js";

const QUESTION = "How many times does the timer run the statement by default?";
const PASSAGE =
  "The timer runs the statement and reports how long the statement took to run. Each run repeats the statement one million times by default, which is enough for short snippets.";

function candidatesFor(question: string, text: string) {
  const profile = profileQuestion(question);
  const info = analysePassage(text, "timer");
  const matches = profile.terms.map((t) => new Map(info.vocabulary.filter((w) => w === t).map((w) => [w, 1])));
  return { profile, candidates: scoreSentences(profile, [{ info, matches }]) };
}

const only = (feature: keyof typeof LEAD_FEATURES, weight = 1): LeadModel => ({ version: "test", features: [feature], weights: [weight], fittedOn: {} });

test("lead model · the committed file · parses, every feature known, fitted by the script on tune corpora only", () => {
  assert.equal(LEAD_MODEL.weights.length, LEAD_MODEL.features.length);
  assert.equal(LEAD_MODEL.fittedOn.script, "eval/fit-lead.ts");
  assert.equal(LEAD_MODEL.fittedOn.split, "tune");
  assert.ok(!(LEAD_MODEL.fittedOn.corpora as string[]).some((c) => c === "r-manuals" || c === "debian-handbook"));
});

test("parseLeadModel · weights that do not match the features, or an unknown feature · rejected", () => {
  const committed = JSON.parse(readFileSync(LEAD_MODEL_FILE, "utf8"));
  assert.throws(() => parseLeadModel(JSON.stringify({ ...committed, weights: [1] })), /weights for/);
  assert.throws(() => parseLeadModel(JSON.stringify({ ...committed, features: ["shoeSize"], weights: [1] })));
});

test("chooseLead · a model weighing the asked-for kind · picks the sentence with the figure over the one restating the question", () => {
  const { profile, candidates } = candidatesFor(QUESTION, PASSAGE);
  assert.match(chooseLead(candidates, profile, only("kind"))!.sentence.quote, /one million times/);
  // Weighing against it picks the other one: the choice follows the model, not the sentence order.
  assert.match(chooseLead(candidates, profile, only("kind", -1))!.sentence.quote, /^The timer runs/);
});

test("chooseLead · no candidate shares a word with the question · none", () => {
  const { profile, candidates } = candidatesFor("Which colour is the sky?", PASSAGE);
  assert.equal(chooseLead(candidates, profile, only("kind")), undefined);
});

test("ExtractiveAnswerer · the lead model's choice opens the answer; without a model the best-scoring sentence does", () => {
  const hits = [hit("timer.md", "timer", PASSAGE)];
  const withKind = new ExtractiveAnswerer({ leadModel: only("kind"), abstainThreshold: 0 }).compose(QUESTION, hits);
  assert.match(withKind.answer, /^Each run repeats the statement one million times/);
  const plain = new ExtractiveAnswerer({ leadModel: null, abstainThreshold: 0 });
  const analysis = plain.analyse(QUESTION, hits);
  const best = [...analysis.candidates].sort((a, b) => b.score - a.score)[0]!;
  assert.ok(plain.compose(QUESTION, hits).answer.startsWith(best.sentence.quote));
});
