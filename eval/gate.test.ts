import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import type { AppError } from "../core/errors.js";
import { checkGate, loadThresholds } from "./gate.js";
import { goldItem, response } from "./response.fixture.js";
import { scoreQuestion } from "./score.js";
import { shownPassages } from "./runners/runner.js";
import { aggregate } from "./summary.js";

const metrics = aggregate([scoreQuestion(goldItem({ id: "sf-01" }), { response: response(), retrieved: shownPassages(response()) }, 5)]);

test("checkGate · all thresholds met · no failures", () => {
  assert.deepEqual(checkGate("ours", metrics, { min: { hitAtK: 1, factRecall: 1 }, max: { totalP95Ms: 10 } }), []);
});

test("checkGate · metric below its minimum and latency above its maximum · both reported", () => {
  const slow = { ...metrics, factRecall: 0.4 };
  assert.deepEqual(checkGate("ours", slow, { min: { factRecall: 0.85 }, max: { totalP95Ms: 1 } }), [
    { run: "ours", metric: "factRecall", value: 0.4, threshold: 0.85, kind: "min" },
    { run: "ours", metric: "totalP95Ms", value: 3, threshold: 1, kind: "max" },
  ]);
});

test("checkGate · metric with no value · fails rather than passing silently", () => {
  assert.equal(checkGate("ours", { ...metrics, citationPrecision: null }, { min: { citationPrecision: 0.5 }, max: {} }).length, 1);
});

test("loadThresholds · the committed eval/thresholds.json · parses", async () => {
  const t = await loadThresholds(path.join(import.meta.dirname, "thresholds.json"), "news");
  assert.equal(t.min.citationValidity, 1);
});

test("loadThresholds · a corpus the file does not name · CONFIG_INVALID, not an empty gate", async () => {
  await assert.rejects(loadThresholds(path.join(import.meta.dirname, "thresholds.json"), "no-such-corpus"), (err: AppError) => err.code === "CONFIG_INVALID");
});

test("checkGate · false-abstention share and answer length ceilings · reported when exceeded", () => {
  const failures = checkGate(
    "ours",
    { ...metrics, falseAbstentionRate: 0.2, words: { p50: 80, p90: 120 } },
    { min: {}, max: { falseAbstentionRate: 0.05, wordsP50: 60 } },
  );
  assert.deepEqual(
    failures.map((f) => [f.metric, f.value]),
    [
      ["falseAbstentionRate", 0.2],
      ["wordsP50", 80],
    ],
  );
});

test("loadThresholds · unknown metric and out-of-range value · rejected with both named", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "thr-"));
  try {
    const file = path.join(dir, "t.json");
    await writeFile(file, JSON.stringify({ news: { min: { hitAt5: 0.9, factRecall: 2 } } }));
    await assert.rejects(loadThresholds(file, "news"), (err: Error) => /factRecall/.test(err.message) && /hitAt5/.test(err.message));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("loadThresholds · a file that is not JSON · CONFIG_INVALID naming the file", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "thr-"));
  try {
    const file = path.join(dir, "broken.json");
    await writeFile(file, "{ min: ");
    await assert.rejects(loadThresholds(file, "news"), (err: AppError) => err.code === "CONFIG_INVALID" && err.message.includes(file));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
