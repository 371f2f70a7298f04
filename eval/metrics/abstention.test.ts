import assert from "node:assert/strict";
import { test } from "node:test";
import { abstentionCorrect, abstentionOutcome } from "./abstention.js";

test("abstentionOutcome · answerable and answered · correct", () => {
  assert.equal(abstentionOutcome(true, false), "answered");
  assert.ok(abstentionCorrect("answered"));
});

test("abstentionOutcome · unanswerable and abstained · correct", () => {
  assert.equal(abstentionOutcome(false, true), "abstained");
  assert.ok(abstentionCorrect("abstained"));
});

test("abstentionOutcome · wrong abstention on an answerable question · false-abstention, incorrect", () => {
  assert.equal(abstentionOutcome(true, true), "false-abstention");
  assert.equal(abstentionCorrect("false-abstention"), false);
});

test("abstentionOutcome · answered an unanswerable question · false-answer, incorrect", () => {
  assert.equal(abstentionOutcome(false, false), "false-answer");
  assert.equal(abstentionCorrect("false-answer"), false);
});
