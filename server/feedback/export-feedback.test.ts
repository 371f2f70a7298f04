import assert from "node:assert/strict";
import { test } from "node:test";
import { GoldItemSchema } from "../../eval/gold.js";
import { exportFeedback } from "./export-feedback.js";
import type { FeedbackRecord } from "./feedback-store.js";

const DOWN: FeedbackRecord = {
  id: "vote-0002",
  createdAt: "2026-12-01T10:00:00.000Z",
  updatedAt: "2026-12-01T10:00:00.000Z",
  rating: "down",
  comment: 'Says "2014", the article says 1991, too',
  question: "Which borders?",
  answer: "Its 2014 borders. [1]\nAnd more [2]",
  chunkIds: ["001_a.txt#1", "001_a.txt#3", "002_b.txt#0"],
  generator: "extractive",
};
const UP: FeedbackRecord = { ...DOWN, id: "vote-0001", rating: "up", comment: null };

test("exportFeedback · csv · header, then one quoted row per entry (quotes doubled, line breaks kept)", () => {
  const lines = exportFeedback([UP, DOWN], "csv").split("\r\n");
  assert.equal(lines[0], "createdAt,updatedAt,rating,comment,question,answer,chunkIds,generator,id");
  assert.equal(
    lines[1],
    '2026-12-01T10:00:00.000Z,2026-12-01T10:00:00.000Z,up,,Which borders?,"Its 2014 borders. [1]\nAnd more [2]",001_a.txt#1 001_a.txt#3 002_b.txt#0,extractive,vote-0001',
  );
  assert.equal(lines.length, 4, "header, two rows, and the final line break");
  assert.match(exportFeedback([DOWN], "csv"), /,down,"Says ""2014"", the article says 1991, too",/);
});

test("exportFeedback · jsonl · one record a line, as stored", () => {
  const lines = exportFeedback([UP, DOWN], "jsonl").trim().split("\n");
  assert.deepEqual(
    lines.map((l) => JSON.parse(l) as unknown),
    [UP, DOWN],
  );
});

test("exportFeedback · gold · only down-votes, gold keys, rejected by the gold schema until reviewed, accepted after", () => {
  const lines = exportFeedback([UP, DOWN], "gold").trim().split("\n");
  assert.equal(lines.length, 1);
  const candidate = JSON.parse(lines[0] ?? "") as Record<string, unknown>;
  assert.deepEqual(candidate.sources, ["001_a.txt", "002_b.txt"]);
  assert.equal(candidate.answerable, null);
  assert.equal((candidate.candidate as { rejectedAnswer: string }).rejectedAnswer, DOWN.answer);
  assert.equal(GoldItemSchema.safeParse(candidate).success, false, "an unreviewed candidate is not a gold item");
  const { candidate: _note, ...rest } = candidate;
  const reviewed = { ...rest, answer: "Its 1991 borders.", facts: [["1991"]], evidence: "1991 borders", answerable: true, split: "tune" };
  const parsed = GoldItemSchema.parse(reviewed);
  assert.match(parsed.id, /^fb-\d+$/);
  assert.deepEqual(
    Object.keys(reviewed).sort(),
    Object.keys(parsed)
      .filter((k) => k !== "history")
      .sort(),
  );
});
