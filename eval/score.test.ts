import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ABSTENTION, PASSAGE_A, PASSAGE_B, UNANSWERABLE, cite, goldItem, response } from "./response.fixture.js";
import { failedQuestion, scoreQuestion } from "./score.js";
import { shownPassages } from "./runners/runner.js";
import { summarize } from "./summary.js";

const obs = (r = response()) => ({ response: r, retrieved: shownPassages(r) });

describe("scoreQuestion", () => {
  test("scoreQuestion · correct cited extractive answer · full marks", () => {
    const r = scoreQuestion(goldItem({ id: "sf-01" }), obs(), 5);
    assert.deepEqual(r.retrieval, { rank: 1, hit: 1, rr: 1, docRecall: 1 });
    assert.equal(r.fact?.score, 1);
    assert.equal(r.abstention, "answered");
    assert.equal(r.citationPrecision, 1);
    assert.equal(r.citationValidity.valid, true);
    assert.equal(r.faithfulness.score, 1);
  });

  test("scoreQuestion · a missed fact and an invalid marker · fact 0, validity false, faithfulness drops", () => {
    const res = response({ answer: "Hegseth spoke in Brussels. [1] He spoke on Monday. [2]" });
    const r = scoreQuestion(goldItem({ id: "sf-01" }), obs(res), 5);
    assert.equal(r.fact?.score, 0);
    assert.deepEqual(r.fact?.missing, [["2014"], ["unrealistic"]]);
    assert.deepEqual(r.citationValidity.problems, ["marker [2] resolves to no citation"]);
    assert.equal(r.faithfulness.score, 0.5);
  });

  test("scoreQuestion · wrong abstention on an answerable question · abstention and fact recall both miss", () => {
    const r = scoreQuestion(goldItem({ id: "sf-01" }), obs(ABSTENTION), 5);
    assert.equal(r.abstention, "false-abstention");
    assert.equal(r.abstentionCorrect, false);
    assert.equal(r.fact?.score, 0);
    assert.equal(r.tokenF1, 0);
    assert.equal(r.retrieval?.hit, 0, "the related passage does not hold the evidence");
  });

  test("scoreQuestion · unanswerable question answered anyway · false-answer, no retrieval or fact score", () => {
    const r = scoreQuestion(UNANSWERABLE, obs(), 5);
    assert.equal(r.abstention, "false-answer");
    assert.equal(r.retrieval, null);
    assert.equal(r.fact, null);
  });

  test("scoreQuestion · conflict item with evidence in two sources, only one retrieved · no hit, doc recall 0.5", () => {
    const item = goldItem({ id: "conf-01", type: "conflict", sources: ["a.txt", "b.txt"], evidence: ["2014 borders", "held in Paris"] });
    const one = scoreQuestion(item, obs(), 5);
    assert.equal(one.retrieval?.hit, 0);
    assert.equal(one.retrieval?.docRecall, 0.5);
    const both = response({
      citations: [cite(1, PASSAGE_A, "a.txt", 0.9), cite(2, PASSAGE_B, "b.txt", 0.5)],
      answer: "He said a return to the 2014 borders was unrealistic. [1] The summit was held in Paris on Monday. [2]",
    });
    assert.deepEqual(scoreQuestion(item, obs(both), 5).retrieval, { rank: 2, hit: 1, rr: 0.5, docRecall: 1 });
  });

  test("failedQuestion · runner error · misses everything and keeps the message", () => {
    const r = failedQuestion(goldItem({ id: "sf-01" }), "status 500", 5);
    assert.equal(r.error, "status 500");
    assert.equal(r.abstentionCorrect, false);
    assert.equal(r.fact?.score, 0);
    assert.equal(r.citationValidity.valid, false);
    assert.equal(r.faithfulness.score, 0);
  });
});

describe("summarize", () => {
  test("summarize · one right, one false abstention, one correct abstention · means over applicable questions", () => {
    const results = [
      scoreQuestion(goldItem({ id: "sf-01", split: "tune" }), obs(), 5),
      scoreQuestion(goldItem({ id: "sf-02", type: "list", split: "heldout" }), obs(ABSTENTION), 5),
      scoreQuestion(UNANSWERABLE, obs(ABSTENTION), 5),
    ];
    const s = summarize(results);
    assert.equal(s.overall.n, 3);
    assert.equal(s.overall.answerable, 2);
    assert.equal(s.overall.factRecall, 0.5);
    assert.equal(s.overall.hitAtK, 0.5);
    assert.ok(Math.abs(s.overall.abstentionAccuracy! - 2 / 3) < 1e-12);
    assert.equal(s.overall.falseAbstentions, 1);
    assert.equal(s.overall.faithfulness, 1, "abstentions have nothing to judge");
    assert.deepEqual(Object.keys(s.byType).sort(), ["list", "single-fact", "unanswerable"]);
    assert.equal(s.bySplit["heldout"]?.n, 2);
    assert.equal(s.byType["unanswerable"]?.factRecall, null);
    assert.equal(s.overall.latency.total.p50, 3);
  });
});
