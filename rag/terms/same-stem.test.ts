import assert from "node:assert/strict";
import { test } from "node:test";
import { sameStem } from "./same-stem.js";

test("sameStem · inflections and spelling variants · match", () => {
  for (const [a, b] of [
    ["negotiations", "negotiating"],
    ["talks", "talk"],
    ["ukraine", "ukrainian"],
    ["zelensky", "zelenskiy"],
    ["demands", "demand"],
    ["stop", "stopped"],
    ["attend", "attendance"],
    ["dependence", "depend"],
    ["accept", "acceptances"],
    ["ukrainians", "ukraine"],
    ["policies", "policy"],
    ["write", "writing"],
    ["writes", "writing"],
    ["parse", "parsing"],
  ]) {
    assert.ok(sameStem(a!, b!), `${a} ~ ${b}`);
  }
});

test("sameStem · different words sharing a beginning · no match", () => {
  for (const [a, b] of [
    ["peace", "peacekeepers"],
    ["state", "statement"],
    ["accept", "access"],
    ["supply", "support"],
    ["war", "warn"],
    ["2014", "2015"],
    ["trade", "trump"],
    ["sent", "sentence"],
    ["confer", "conferencing"],
    ["news", "new"],
    ["mars", "mark"],
    ["store", "story"],
    ["wrote", "writing"],
  ]) {
    assert.ok(!sameStem(a!, b!), `${a} !~ ${b}`);
  }
});
