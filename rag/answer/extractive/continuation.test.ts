import assert from "node:assert/strict";
import { it } from "node:test";
import { ExtractiveAnswerer } from "./extractive-answerer.js";
import { hit } from "../hits.fixture.js";

const answerer = new ExtractiveAnswerer();
const QUESTION = "Does the US still supply weapons to Ukraine directly?";
const TODAY = "Today, the US is no longer directly supplying Ukraine with weapons.";
const INSTEAD = "Instead it sells supplies to other NATO members who in turn pass them on.";

it("continuations · sentence opening with a connective after the picked one · quoted with it, not past the paragraph", () => {
  const text = `Trump made it clear that this was Europe's war. ${TODAY} ${INSTEAD}\n\nThe Arctic holds resources that supply the US directly.`;
  const { answer } = answerer.compose(QUESTION, [hit("004.txt", "Peace", text)]);
  assert.ok(answer.includes(`${TODAY} [1] ${INSTEAD} [1]`), answer);
  assert.doesNotMatch(answer, /Arctic/u);
});

it("continuations · next sentence only in an overlapping chunk · found there and cited to it", () => {
  const only = "The only direct aid being provided by the US is intelligence.";
  const first = hit("004.txt", "Peace", `Trump made it clear that this was Europe's war. ${TODAY}`, { id: "004.txt#2" });
  const second = hit("004.txt", "Peace", `${TODAY} ${only}`, { id: "004.txt#3", start: 48, score: 0.5 });
  const { answer } = answerer.compose(QUESTION, [first, second]);
  assert.match(answer, /intelligence\. \[\d\]/u);
});

it("continuations · next sentence on another subject · not quoted", () => {
  const text = `${TODAY} Polls in Germany show voters worry about inflation and weapons prices.`;
  const { answer } = answerer.compose(QUESTION, [hit("004.txt", "Peace", text)]);
  assert.equal(answer, `${TODAY} [1]`);
});

it("continuations · quoted context · does not count as evidence for abstention", () => {
  const text = `${TODAY} ${INSTEAD}`;
  const withNext = answerer.analyse(QUESTION, [hit("004.txt", "Peace", text)]);
  const alone = answerer.analyse(QUESTION, [hit("004.txt", "Peace", TODAY)]);
  assert.equal(withNext.picked.length, 2);
  assert.equal(withNext.evidence.support, alone.evidence.support);
});
