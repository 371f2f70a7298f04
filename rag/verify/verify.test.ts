import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Citation } from "../../core/types.js";
import { supportScore, verifyCitations } from "./verify.js";

const PASSAGES = [
  "Trump and Putin spoke by telephone for two hours on Tuesday and discussed a ceasefire in Ukraine.",
  "European leaders met in Paris and promised 40 billion euros of military aid for Kyiv.",
  "The peace plan proposes a demilitarised zone along the front line, monitored by neutral observers.",
  "Oil prices rose sharply in Asian trading after the announcement.",
];

const cite = (texts: string[]): Citation[] =>
  texts.map((text, i) => ({
    id: i + 1,
    source: `doc-${i + 1}.md`,
    title: `Doc ${i + 1}`,
    page: null,
    chunkId: `doc-${i + 1}.md#0`,
    text,
    score: 1 - i / 10,
  }));

describe("supportScore", () => {
  test("supportScore · paraphrase with other inflections · is fully supported", () => {
    assert.equal(supportScore("Putin and Trump discussed ceasefires.", PASSAGES[0]!), 1);
  });

  test("supportScore · sentence about another topic · scores near zero", () => {
    assert.ok(supportScore("Oil prices rose sharply.", PASSAGES[0]!) < 0.2);
  });

  test("supportScore · a figure the passage does not state · scores zero despite shared words", () => {
    assert.equal(supportScore("European leaders promised 60 billion euros.", PASSAGES[1]!), 0);
    assert.equal(supportScore("European leaders promised 40 billion euros.", PASSAGES[1]!), 1);
  });

  test("supportScore · no content terms · claims nothing and scores 1", () => {
    assert.equal(supportScore("It is what it is.", PASSAGES[3]!), 1);
  });
});

describe("verifyCitations", () => {
  const citations = cite(PASSAGES);

  test("verifyCitations · valid markers in passage order · answer unchanged, unused passages removed", () => {
    const answer = "Trump and Putin spoke for two hours [1]. European leaders promised 40 billion euros of aid [2].";
    const v = verifyCitations(answer, citations);
    assert.equal(v.answer, answer);
    assert.deepEqual(
      v.citations.map((c) => [c.id, c.chunkId]),
      [
        [1, "doc-1.md#0"],
        [2, "doc-2.md#0"],
      ],
    );
    assert.deepEqual([v.unsupported, v.repaired, v.dropped], [[], 0, 0]);
  });

  test("verifyCitations · a fenced code block · kept as written, its brackets no markers and its lines no claims", () => {
    const answer =
      "The plan proposes a demilitarised zone [3]:\n```python\nzones = plan.zones[7]\n    print(zones, ceasefire_terms)\n```\nTrump and Putin discussed a ceasefire [1].";
    const v = verifyCitations(answer, citations);
    assert.equal(v.answer, answer.replace("[3]", "[1]").replace("ceasefire [1]", "ceasefire [2]"));
    assert.deepEqual(v.unsupported, []);
    assert.deepEqual([v.repaired, v.dropped], [0, 0]);
  });

  test("verifyCitations · markers citing 3 then 1 · renumbered 1 and 2 by first use in text and list", () => {
    const v = verifyCitations("The plan proposes a demilitarised zone [3]. Trump and Putin discussed a ceasefire [1].", citations);
    assert.equal(v.answer, "The plan proposes a demilitarised zone [1]. Trump and Putin discussed a ceasefire [2].");
    assert.deepEqual(
      v.citations.map((c) => [c.id, c.chunkId, c.text]),
      [
        [1, "doc-3.md#0", PASSAGES[2]],
        [2, "doc-1.md#0", PASSAGES[0]],
      ],
    );
  });

  test("verifyCitations · grouped forms [1, 3], [3][1], [1-2] and repeats · normalised to adjacent single markers", () => {
    const v = verifyCitations("Leaders discussed aid and a ceasefire [1, 2]. A zone and a ceasefire were discussed [3][1][1]. Talks [1-2; 2].", citations);
    assert.equal(v.answer, "Leaders discussed aid and a ceasefire [1][2]. A zone and a ceasefire were discussed [3][1]. Talks [1][2].");
    assert.equal(v.citations.length, 3);
  });

  test("verifyCitations · [7] with 4 passages on a sentence one passage clearly supports · repaired to that passage", () => {
    const v = verifyCitations("The peace plan proposes a demilitarised zone monitored by neutral observers [7].", citations);
    assert.equal(v.answer, "The peace plan proposes a demilitarised zone monitored by neutral observers [1].");
    assert.deepEqual([v.citations[0]?.chunkId, v.repaired, v.dropped], ["doc-3.md#0", 1, 0]);
  });

  test("verifyCitations · [9] on a sentence no passage supports · dropped with its space, sentence flagged", () => {
    const v = verifyCitations("Oil prices rose [4]. The summit was held in Geneva in 1985 [9].", citations);
    assert.equal(v.answer, "Oil prices rose [1]. The summit was held in Geneva in 1985.");
    assert.deepEqual([v.repaired, v.dropped], [0, 1]);
    assert.deepEqual(v.unsupported, ["The summit was held in Geneva in 1985."]);
  });

  test("verifyCitations · [0] and a marker beside a valid one · invalid part dropped, valid kept", () => {
    const v = verifyCitations("Oil prices rose sharply in Asian trading [4][0].", citations);
    assert.equal(v.answer, "Oil prices rose sharply in Asian trading [1].");
    assert.equal(v.citations[0]?.chunkId, "doc-4.md#0");
    // [0] is broken but passage 4 clearly supports the sentence, so it is redirected and merged.
    assert.deepEqual([v.repaired, v.dropped], [1, 0]);
  });

  test("verifyCitations · sentence citing a passage that says otherwise · returned verbatim in unsupported", () => {
    const answer = "European leaders promised 90 billion euros of aid [2]. Oil prices rose sharply [4].";
    const v = verifyCitations(answer, citations);
    assert.deepEqual(v.unsupported, ["European leaders promised 90 billion euros of aid [1]."]);
    assert.ok(v.answer.includes(v.unsupported[0]!));
  });

  test("verifyCitations · sentence drawing on two cited passages · supported by their union", () => {
    const v = verifyCitations("Trump and Putin discussed a ceasefire while European leaders promised military aid [1][2].", citations);
    assert.deepEqual(v.unsupported, []);
  });

  test("verifyCitations · marker after the full stop · cites for the sentence before it", () => {
    const v = verifyCitations("Oil prices rose sharply in Asian trading. [4]\nThe zone is monitored by observers. [3]", citations);
    assert.equal(v.answer, "Oil prices rose sharply in Asian trading. [1]\nThe zone is monitored by observers. [2]");
    assert.deepEqual(v.unsupported, []);
    const wrong = verifyCitations("Oil prices rose sharply in Asian trading. [3]", citations);
    assert.deepEqual(wrong.unsupported, ["Oil prices rose sharply in Asian trading."]);
  });

  test("verifyCitations · uncited sentences · flagged only when no passage backs them and never for filler", () => {
    const v = verifyCitations("Here is what I found. Oil prices rose sharply. Bitcoin reached a record high.", citations);
    assert.deepEqual(v.unsupported, ["Bitcoin reached a record high."]);
    assert.deepEqual(v.citations, []);
  });

  test("verifyCitations · no citations at all · every marker dropped", () => {
    const v = verifyCitations("Oil prices rose [1][2].", []);
    assert.deepEqual([v.answer, v.citations, v.dropped], ["Oil prices rose.", [], 2]);
  });
});
