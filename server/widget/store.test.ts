import assert from "node:assert/strict";
import { test } from "node:test";
import { historyOf, type Message } from "./store.js";

const user = (text: string): Message => ({ kind: "user", id: text, text });
const bot = (text: string, status: "done" | "error" | "streaming" = "done"): Message => ({
  kind: "bot",
  id: `b-${text}`,
  question: "",
  text,
  citations: [],
  status,
});

test("historyOf · finished exchanges · alternating user/assistant turns in order", () => {
  assert.deepEqual(historyOf([user("q1"), bot("a1 [1]"), user("q2"), bot("a2")]), [
    { role: "user", content: "q1" },
    { role: "assistant", content: "a1 [1]" },
    { role: "user", content: "q2" },
    { role: "assistant", content: "a2" },
  ]);
});

test("historyOf · a failed answer · its question is dropped too", () => {
  assert.deepEqual(historyOf([user("q1"), bot("", "error"), user("q2"), bot("a2")]), [
    { role: "user", content: "q2" },
    { role: "assistant", content: "a2" },
  ]);
});

test("historyOf · long conversation and long answers · last 6 turns, each capped at 2,000 chars", () => {
  const messages = Array.from({ length: 10 }, (_, i) => [user(`q${i}`), bot("x".repeat(5000))]).flat();
  const history = historyOf(messages);
  assert.equal(history.length, 6);
  assert.equal(history[0]?.content, "q7");
  assert.ok(history.every((t) => t.content.length <= 2000));
});
