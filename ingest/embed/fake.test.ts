import assert from "node:assert/strict";
import { test } from "node:test";
import { runEmbedderContract } from "./embedder.contract.js";
import { FakeEmbedder } from "./fake.js";

runEmbedderContract("FakeEmbedder", async () => new FakeEmbedder());
runEmbedderContract("FakeEmbedder(dim 64)", async () => new FakeEmbedder({ dim: 64, id: "fake-64" }));

test("FakeEmbedder · options · set dim and id, default dim is 16", () => {
  assert.equal(new FakeEmbedder().dim, 16);
  const e = new FakeEmbedder({ dim: 8, id: "x" });
  assert.deepEqual([e.dim, e.id], [8, "x"]);
  assert.throws(() => new FakeEmbedder({ dim: 0 }), RangeError);
});

test("FakeEmbedder · texts sharing words · score above texts sharing none", async () => {
  const e = new FakeEmbedder({ dim: 256 });
  const [q, near, far] = await e.embedDocuments(["peace plan talks", "the peace plan was discussed", "oil prices rose"]);
  const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);
  assert.ok(dot(q!, near!) > dot(q!, far!) + 0.3);
});
