import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { Chunk } from "../../core/types.js";
import type { Retriever } from "./retriever.js";

/** Six passages from three sources; each has words no other passage uses, so the right answer is known. */
export const CONTRACT_CHUNKS: readonly Chunk[] = [
  passage("alps.md", 0, "Alpine glaciers", "The Aletsch glacier is the largest glacier in the Alps and has retreated three kilometres since 1850."),
  passage("alps.md", 1, "Alpine glaciers", "Meltwater from the Rhone glacier feeds Lake Geneva through the summer months."),
  passage("bees.txt", 0, "Honey bees", "A honey bee colony keeps its brood nest near thirty-five degrees by shivering flight muscles."),
  passage("bees.txt", 1, "Honey bees", "Foragers perform a waggle dance that tells nestmates the direction and distance of flowers."),
  passage("rail.html", 0, "Night trains", "The Vienna to Hamburg sleeper train leaves at nine in the evening and arrives after breakfast."),
  passage("rail.html", 1, "Night trains", "Couchette compartments hold six berths; sleeper cabins hold one to three beds with a washbasin."),
];

/**
 * What every Retriever must do (after Hono's shared router suite), run by each implementation's test:
 * `runRetrieverContract("HybridRetriever", (chunks) => ...a retriever over exactly these chunks)`.
 */
export function runRetrieverContract(name: string, make: (chunks: readonly Chunk[]) => Promise<Retriever>): void {
  describe(`${name} · Retriever contract`, () => {
    let retriever: Retriever;
    before(async () => {
      retriever = await make(CONTRACT_CHUNKS);
    });

    test(`${name} · question using one passage's words · that passage comes first`, async () => {
      const hits = await retriever.retrieve("How does a waggle dance tell foragers where the flowers are?", 3);
      assert.equal(hits[0]?.chunk.id, "bees.txt#1");
      const sleeper = await retriever.retrieve("When does the Vienna Hamburg sleeper train leave?", 3);
      assert.equal(sleeper[0]?.chunk.id, "rail.html#0");
    });

    test(`${name} · k below the corpus size · at most k distinct hits with finite scores`, async () => {
      const hits = await retriever.retrieve("glacier meltwater lake", 2);
      assert.ok(hits.length > 0 && hits.length <= 2, `got ${hits.length} hits`);
      assert.equal(new Set(hits.map((h) => h.chunk.id)).size, hits.length);
      for (const h of hits) assert.ok(Number.isFinite(h.score), `score ${h.score}`);
    });

    test(`${name} · hits · carry the stored chunk with its provenance`, async () => {
      const [top] = await retriever.retrieve("Aletsch glacier retreat since 1850", 1);
      const stored = CONTRACT_CHUNKS.find((c) => c.id === top?.chunk.id);
      assert.deepEqual(top?.chunk, stored);
    });

    test(`${name} · question with no known word · resolves to a list without throwing`, async () => {
      const hits = await retriever.retrieve("zxqvbnm qqqzzz", 3);
      assert.ok(Array.isArray(hits) && hits.length <= 3);
    });

    test(`${name} · aborted signal · rejects with AbortError`, async () => {
      const controller = new AbortController();
      controller.abort();
      await assert.rejects(retriever.retrieve("glacier", 3, controller.signal), { name: "AbortError" });
    });
  });
}

function passage(source: string, ordinal: number, title: string, text: string): Chunk {
  const start = ordinal * 200;
  return { id: `${source}#${ordinal}`, source, title, page: null, date: null, start, end: start + text.length, text };
}
