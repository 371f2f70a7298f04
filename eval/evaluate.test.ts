import assert from "node:assert/strict";
import type { CorpusInfo } from "./report/report.js";
import { test } from "node:test";
import type { AskRequest } from "../core/types.js";
import { evaluate } from "./evaluate.js";
import { ABSTENTION, UNANSWERABLE, goldItem, response } from "./response.fixture.js";
import type { AskRunner } from "./runners/runner.js";
import { shownPassages } from "./runners/runner.js";

const CORPUS: CorpusInfo = { name: "test", role: "split", kind: "fixture", documents: 1, chunks: 1 };

/** Answers from a table of hand-made responses; throws for questions it does not know. */
function tableRunner(name: string, table: Record<string, ReturnType<typeof response>>): AskRunner & { asked: AskRequest[] } {
  const asked: AskRequest[] = [];
  return {
    name,
    retrieval: "shown",
    asked,
    async ask(req) {
      asked.push(req);
      const r = table[req.question];
      if (!r) throw new Error(`no answer for ${req.question}`);
      return { response: r, retrieved: shownPassages(r) };
    },
    settings: () => ({ kind: "table" }),
    close: async () => {},
  };
}

const gold = [
  goldItem({ id: "sf-01" }),
  goldItem({
    id: "fu-01",
    type: "follow-up",
    question: "And why?",
    history: [
      { role: "user", content: "Who?" },
      { role: "assistant", content: "Hegseth." },
    ],
  }),
  UNANSWERABLE,
];

test("evaluate · two runners · both runs reported, history and topK passed, errors recorded per question", async () => {
  const ours = tableRunner("ours", { [gold[0]!.question]: response(), "How long was the call?": ABSTENTION });
  const base = tableRunner("base", { [gold[0]!.question]: response(), "And why?": response(), "How long was the call?": response() });
  const report = await evaluate(gold, [ours, base], { goldLabel: "g", corpus: CORPUS, k: 3, split: "all", now: () => new Date(0) });
  assert.equal(report.createdAt, "1970-01-01T00:00:00.000Z");
  assert.deepEqual(
    report.runs.map((r) => [r.name, r.retrieval]),
    [
      ["ours", "shown"],
      ["base", "shown"],
    ],
  );
  assert.deepEqual(ours.asked[1], { question: "And why?", topK: 3, history: gold[1]!.history });
  const ourResults = report.runs[0]!.results;
  assert.match(ourResults[1]!.error ?? "", /no answer for And why\?/);
  assert.equal(report.runs[0]!.summary.overall.errors, 1);
  assert.equal(report.runs[0]!.summary.overall.abstentionAccuracy, 2 / 3);
  assert.equal(report.runs[1]!.summary.overall.falseAnswers, 1);
  assert.equal(report.gate, undefined);
});

test("evaluate · thresholds given · only the first runner is gated and failures name the metric", async () => {
  const ours = tableRunner("ours", { [gold[0]!.question]: ABSTENTION });
  const base = tableRunner("base", {});
  const report = await evaluate([gold[0]!], [ours, base], {
    corpus: CORPUS,
    goldLabel: "g",
    k: 5,
    split: "tune",
    thresholds: { min: { factRecall: 0.5, citationValidity: 1 }, max: {} },
  });
  assert.deepEqual(report.gate, { checked: true, thresholds: 2, failures: [{ run: "ours", metric: "factRecall", value: 0, threshold: 0.5, kind: "min" }] });
});
