import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Turn } from "../../core/types.js";
import { rewriteFollowUp, splitFollowUp } from "./offline.js";

const borders: Turn[] = [
  { role: "user", content: "What did Hegseth say about Ukraine's borders?" },
  { role: "assistant", content: "That a return to the 2014 borders was unrealistic [1]." },
];

describe("rewriteFollowUp", () => {
  it("rewriteFollowUp · 'he' after a question about Hegseth · carries Hegseth and keeps NATO", () => {
    const query = rewriteFollowUp("and what did he say about NATO?", borders);
    assert.match(query, /NATO/u);
    assert.match(query, /Hegseth/u);
  });

  it("rewriteFollowUp · a standalone question with history · returns it unchanged", () => {
    const q = "What did Kallas say about a quick fix?";
    assert.equal(rewriteFollowUp(q, borders), q);
  });

  it("rewriteFollowUp · no history · returns the question unchanged", () => {
    assert.equal(rewriteFollowUp("and what did he say about NATO?", []), "and what did he say about NATO?");
  });

  it("rewriteFollowUp · 'what about X' naming its own subject · carries the topic, not the old name", () => {
    const query = rewriteFollowUp("What about Pistorius?", borders);
    assert.match(query, /borders/u);
    assert.doesNotMatch(query, /Hegseth/u);
  });

  it("rewriteFollowUp · 'it' after a question about a thing · carries its names and key words", () => {
    const query = rewriteFollowUp("What does it demand on territory?", [{ role: "user", content: "What is the 28-point peace plan?" }]);
    assert.match(query, /28-point/u);
    assert.match(query, /peace plan/u);
  });

  it("rewriteFollowUp · a chain of follow-ups · resolves against the first standalone question", () => {
    const history: Turn[] = [...borders, { role: "user", content: "Why?" }, { role: "assistant", content: "…" }];
    assert.match(rewriteFollowUp("and what did he say about NATO?", history), /Hegseth/u);
  });

  it("rewriteFollowUp · only assistant turns · returns the question unchanged", () => {
    assert.equal(rewriteFollowUp("Why?", [{ role: "assistant", content: "Hello" }]), "Why?");
  });
});

describe("splitFollowUp", () => {
  it("splitFollowUp · a rewritten query · gives back the question and the carried words", () => {
    const query = rewriteFollowUp("and what did he say about NATO?", borders);
    assert.deepEqual(splitFollowUp(query), { question: "and what did he say about NATO?", context: query.slice(query.indexOf("(") + 1, -1) });
  });

  it("splitFollowUp · a plain question · has no context", () => {
    assert.deepEqual(splitFollowUp("Who is Hegseth?"), { question: "Who is Hegseth?", context: "" });
  });
});
