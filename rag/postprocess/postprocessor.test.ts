import assert from "node:assert/strict";
import { test } from "node:test";
import type { Hit } from "../../core/types.js";
import { hit } from "../retrieve/hits.fixture.js";
import { defaultPostprocessors } from "./default-postprocessors.js";
import { createMmr } from "./mmr.js";
import { postprocess, type Postprocessor } from "./postprocessor.js";

const reverse: Postprocessor = { name: "reverse", postprocess: (_query, hits) => [...hits].reverse() };
const dropFirst: Postprocessor = { name: "drop-first", postprocess: async (_query, hits) => hits.slice(1) };

test("postprocess · two steps · run in order, then the k best of what is left", async () => {
  const hits = [hit("a", 3), hit("b", 2), hit("c", 1), hit("d", 0)];
  const ids = (out: Hit[]) => out.map((h) => h.chunk.id);
  assert.deepEqual(ids(await postprocess([reverse, dropFirst], "q", hits, 2)), ["c", "b"]);
  assert.deepEqual(ids(await postprocess([dropFirst, reverse], "q", hits, 2)), ["d", "c"]);
  assert.deepEqual(ids(await postprocess([], "q", hits, 3)), ["a", "b", "c"]);
});

test("defaultPostprocessors · overlapping chunk and one document filling the slots · deduped, then a slot for the other document", async () => {
  const hits = [
    hit("bees#0", 1, { source: "bees.txt", start: 0, end: 1000 }),
    hit("bees#0b", 0.99, { source: "bees.txt", start: 100, end: 900 }),
    hit("bees#1", 0.98, { source: "bees.txt", start: 2000, end: 3000 }),
    hit("rail#0", 0.5, { source: "rail.txt", start: 0, end: 1000 }),
  ];
  const ids = (out: Hit[]) => out.map((h) => h.chunk.id);
  assert.deepEqual(ids(await postprocess(defaultPostprocessors({ mmrLambda: 1 }), "q", hits, 2)), ["bees#0", "bees#1"]);
  assert.deepEqual(ids(await postprocess(defaultPostprocessors({ mmrLambda: 0.5 }), "q", hits, 2)), ["bees#0", "rail#0"]);
});

test("createMmr · lambda outside [0, 1] · throws at creation", () => {
  assert.throws(() => createMmr({ lambda: 1.5 }), RangeError);
  assert.throws(() => createMmr({ lambda: -0.1 }), RangeError);
});
