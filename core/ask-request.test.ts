import assert from "node:assert/strict";
import { test } from "node:test";
import { ASK_LIMITS, parseAskRequest } from "./ask-request.js";
import { isAppError } from "./errors.js";

const rejects = (value: unknown, pattern: RegExp) =>
  assert.throws(
    () => parseAskRequest(value),
    (err: unknown) => isAppError(err) && err.code === "BAD_REQUEST" && pattern.test(err.message),
  );

test("parseAskRequest · values at the limits · accepted, the question trimmed", () => {
  const history = Array.from({ length: ASK_LIMITS.historyTurns }, () => ({ role: "user" as const, content: "x".repeat(ASK_LIMITS.turnChars) }));
  const request = parseAskRequest({ question: ` ${"q".repeat(ASK_LIMITS.questionChars)} `, topK: ASK_LIMITS.topK, history });
  assert.equal(request.question.length, ASK_LIMITS.questionChars);
  assert.equal(request.topK, ASK_LIMITS.topK);
  assert.equal(request.history?.length, ASK_LIMITS.historyTurns);
});

test("parseAskRequest · one past each limit, or a blank question · BAD_REQUEST naming the field", () => {
  rejects({ question: "q".repeat(ASK_LIMITS.questionChars + 1) }, /question: must be at most 2000 characters/);
  rejects({ question: " \n " }, /question: must not be empty/);
  rejects({ question: "q", topK: ASK_LIMITS.topK + 1 }, /topK: must be from 1 to 20/);
  rejects({ question: "q", topK: 0 }, /topK: must be from 1 to 20/);
  rejects(
    { question: "q", history: Array.from({ length: ASK_LIMITS.historyTurns + 1 }, () => ({ role: "user", content: "x" })) },
    /history: must hold at most 20 turns/,
  );
  rejects({ question: "q", history: [{ role: "user", content: "x".repeat(ASK_LIMITS.turnChars + 1) }] }, /history\.0\.content: must be at most 8000/);
  rejects("question?", /body must be a JSON object/);
});
