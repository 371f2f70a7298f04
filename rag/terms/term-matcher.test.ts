import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { WordVectors } from "../../ingest/index.js";
import { STEM_MATCH, TermMatcher } from "./term-matcher.js";

/** Three hand-made unit vectors: "troops" and "soldiers" close (cos 0.96), "bread" far from both. */
const VECTORS: Record<string, number[]> = { troops: [1, 0, 0], soldiers: [0.96, 0.28, 0], bread: [0, 0, 1] };
const vectors: WordVectors = {
  wordVector: (w) => (VECTORS[w] ? Float32Array.from(VECTORS[w]!) : undefined),
  wordWeight: () => 1,
};

describe("TermMatcher", () => {
  it("matchAll · same word, same stem, unrelated word · 1, STEM_MATCH, absent", () => {
    const [m] = new TermMatcher().matchAll(["negotiations"], ["negotiations", "negotiating", "bread"]);
    assert.equal(m!.get("negotiations"), 1);
    assert.equal(m!.get("negotiating"), STEM_MATCH);
    assert.equal(m!.has("bread"), false);
  });

  it("matchAll · a near-synonym by word vectors · soft credit below a stem match", () => {
    const [m] = new TermMatcher(vectors).matchAll(["troops"], ["soldiers", "bread"]);
    const soft = m!.get("soldiers")!;
    assert.ok(soft > 0 && soft < STEM_MATCH, `soft credit ${soft}`);
    assert.equal(m!.has("bread"), false);
  });

  it("matchAll · without word vectors · no soft credit", () => {
    const [m] = new TermMatcher().matchAll(["troops"], ["soldiers"]);
    assert.equal(m!.size, 0);
  });

  it("matchAll · figures · only the same figure matches", () => {
    const [m] = new TermMatcher(vectors).matchAll(["2014"], ["2014", "2015"]);
    assert.deepEqual([...m!.keys()], ["2014"]);
  });

  it("matchAll · asked twice · gives the same strengths (cached)", () => {
    const matcher = new TermMatcher(vectors);
    const first = matcher.matchAll(["troops"], ["soldiers"]);
    assert.deepEqual(matcher.matchAll(["troops"], ["soldiers"]), first);
  });

  it("matchAll · one passage met with several questions · each term's matches are its own, other passages unaffected", () => {
    const matcher = new TermMatcher(vectors);
    const passage = ["soldiers", "bread", "troops"];
    const [troops] = matcher.matchAll(["troops"], passage);
    const [bread, troopsAgain] = matcher.matchAll(["bread", "troops"], passage);
    assert.deepEqual([...bread!.keys()], ["bread"]);
    assert.equal(troopsAgain, troops, "the same matches, looked up rather than computed again");
    const [elsewhere] = matcher.matchAll(["troops"], ["bread"]);
    assert.equal(elsewhere!.size, 0, "another passage (another vocabulary) is matched afresh");
  });

  it("strength · a cosine the caller already has · used instead of the words' vectors", () => {
    const matcher = new TermMatcher(vectors);
    assert.equal(matcher.strength("troops", "bread"), 0, "orthogonal vectors");
    assert.equal(matcher.strength("troops", "bread", 0.9), matcher.strength("troops", "soldiers", 0.9));
    assert.ok(matcher.strength("troops", "bread", 0.7) > 0);
  });

  it("strength · stem matching off · another form earns only what its vector gives", () => {
    const matcher = new TermMatcher(undefined, { stemStrength: 0 });
    assert.equal(matcher.strength("negotiations", "negotiating"), 0);
    assert.equal(matcher.strength("negotiations", "negotiations"), 1);
  });

  it("options · floor not below the ceiling · RangeError", () => {
    assert.throws(() => new TermMatcher(vectors, { floor: 0.9, ceiling: 0.9 }), RangeError);
    assert.throws(() => new TermMatcher(vectors, { floor: -0.1 }), RangeError);
  });
});
