import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { ABSTENTION_MODEL, answerProbability, featureVector, MODEL_FILE, parseModel, type Signals } from "./abstention-model.js";

const strong: Signals = { support: 0.8, names: 1, spelled: 0.9, missingNames: [], acronyms: [], missingIdentifiers: [], answerKind: 1 };

test("abstention model · the committed file · parses, was fitted by the script on tune corpora only", () => {
  assert.equal(ABSTENTION_MODEL.weights.length, ABSTENTION_MODEL.features.length);
  assert.equal(ABSTENTION_MODEL.fittedOn.script, "eval/fit-abstention.ts");
  assert.deepEqual(ABSTENTION_MODEL.fittedOn.split, "tune");
  assert.ok(!(ABSTENTION_MODEL.fittedOn.corpora as string[]).some((c) => c === "r-manuals" || c === "debian-handbook"));
});

test("answerProbability · strong support answers; a technical name no passage spells drops below the threshold", () => {
  assert.ok(answerProbability(strong) >= ABSTENTION_MODEL.threshold);
  assert.ok(answerProbability({ ...strong, missingIdentifiers: ["allow_comments"] }) < answerProbability(strong));
  assert.ok(answerProbability({ ...strong, support: 0.1, spelled: 0.2, names: 0.2 }) < ABSTENTION_MODEL.threshold);
});

test("featureVector · a missing acronym and a missing name are told apart", () => {
  const fv = (s: Partial<Signals>) => featureVector({ ...strong, ...s }, ["missingName", "missingAcronym"]);
  assert.deepEqual(fv({ missingNames: ["cpu"], acronyms: ["cpu"] }), [0, 1]);
  assert.deepEqual(fv({ missingNames: ["alaska"], acronyms: [] }), [1, 0]);
});

test("parseModel · weights that do not match the features · rejected", () => {
  const bad = { ...JSON.parse(readFileSync(MODEL_FILE, "utf8")), weights: [1] };
  assert.throws(() => parseModel(JSON.stringify(bad)), /weights for/);
});
