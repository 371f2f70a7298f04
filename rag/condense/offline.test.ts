import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Turn } from "../../core/types.js";
import { standalone, toQuery } from "./condense.js";
import { rewriteFollowUp } from "./offline.js";

const borders: Turn[] = [
  { role: "user", content: "What did Hegseth say about Ukraine's borders?" },
  { role: "assistant", content: "That a return to the 2014 borders was unrealistic [1]." },
];

describe("rewriteFollowUp", () => {
  it("rewriteFollowUp · 'he' after a question about Hegseth · the question as asked, Hegseth carried apart", () => {
    const { question, carried } = rewriteFollowUp("and what did he say about NATO?", borders);
    assert.equal(question, "and what did he say about NATO?");
    assert.ok(carried.includes("Hegseth"), carried.join(" "));
    assert.ok(!carried.includes("NATO"), "the follow-up's own words are not carried");
  });

  it("rewriteFollowUp · a standalone question with history · carries nothing", () => {
    const q = "What did Kallas say about a quick fix?";
    assert.deepEqual(rewriteFollowUp(q, borders), standalone(q));
  });

  it("rewriteFollowUp · no history · carries nothing", () => {
    assert.deepEqual(rewriteFollowUp("and what did he say about NATO?", []), standalone("and what did he say about NATO?"));
  });

  it("rewriteFollowUp · 'what about X' naming its own subject · carries the topic, not the old name", () => {
    const { carried } = rewriteFollowUp("What about Pistorius?", borders);
    assert.ok(carried.includes("borders"), carried.join(" "));
    assert.ok(!carried.includes("Hegseth"));
  });

  it("rewriteFollowUp · 'it' after a question about a thing · carries its names and key words", () => {
    const query = toQuery(rewriteFollowUp("What does it demand on territory?", [{ role: "user", content: "What is the 28-point peace plan?" }]));
    assert.match(query, /^What does it demand on territory\? \(.*28-point/u);
    assert.match(query, /peace plan\)$/u);
  });

  it("rewriteFollowUp · a chain of follow-ups · resolves against the first standalone question", () => {
    const history: Turn[] = [...borders, { role: "user", content: "Why?" }, { role: "assistant", content: "…" }];
    assert.ok(rewriteFollowUp("and what did he say about NATO?", history).carried.includes("Hegseth"));
  });

  it("rewriteFollowUp · only assistant turns · carries nothing", () => {
    assert.deepEqual(rewriteFollowUp("Why?", [{ role: "assistant", content: "Hello" }]), standalone("Why?"));
  });
});

describe("toQuery", () => {
  it("toQuery · carried words · the question, then the carried words in parentheses", () => {
    assert.equal(
      toQuery({ question: "and what did he say about NATO?", carried: ["Hegseth", "Ukraine"] }),
      "and what did he say about NATO? (Hegseth Ukraine)",
    );
  });

  it("toQuery · nothing carried · the question as asked", () => {
    assert.equal(toQuery(standalone("Who is Hegseth? ")), "Who is Hegseth? ");
  });
});
