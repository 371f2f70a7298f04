import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { SqliteFeedbackStore, type FeedbackInput } from "./feedback-store.js";

const VOTE: FeedbackInput = { id: "vote-0001", question: "Q?", answer: "A [1].", chunkIds: ["a.txt#0"], rating: "up" };

test("feedback store · a vote then a comment on the same id · one entry, rating and comment updated, kept on disk", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "citebot-feedback-"));
  try {
    const file = path.join(dir, "nested", "feedback.sqlite");
    const store = new SqliteFeedbackStore(file);
    store.put(VOTE, new Date("2026-12-01T10:00:00Z"));
    store.put({ ...VOTE, rating: "down", comment: "wrong year" }, new Date("2026-12-01T10:01:00Z"));
    store.put({ ...VOTE, rating: "down" }, new Date("2026-12-01T10:02:00Z")); // a later vote keeps the comment
    store.close();

    const reopened = new SqliteFeedbackStore(file);
    const [entry, ...rest] = reopened.list();
    reopened.close();
    assert.equal(rest.length, 0);
    assert.deepEqual(entry, {
      id: "vote-0001",
      createdAt: "2026-12-01T10:00:00.000Z",
      updatedAt: "2026-12-01T10:02:00.000Z",
      rating: "down",
      comment: "wrong year",
      question: "Q?",
      answer: "A [1].",
      chunkIds: ["a.txt#0"],
      generator: null,
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("feedback store · list(since) · only entries given or changed from then on, oldest first", () => {
  const store = new SqliteFeedbackStore(":memory:");
  store.put({ ...VOTE, id: "old-00001" }, new Date("2026-11-01T00:00:00Z"));
  store.put({ ...VOTE, id: "new-00002" }, new Date("2026-12-02T00:00:00Z"));
  store.put({ ...VOTE, id: "new-00001" }, new Date("2026-12-01T00:00:00Z"));
  assert.deepEqual(
    store.list(new Date("2026-12-01")).map((r) => r.id),
    ["new-00001", "new-00002"],
  );
  assert.equal(store.list().length, 3);
  store.close();
});
