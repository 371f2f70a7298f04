import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { Embedder } from "./embedder.js";

/**
 * The behaviour every Embedder must show, run by each implementation's test file
 * (after Hono's shared router suite): `runEmbedderContract("WinkEmbedder", () => WinkEmbedder.open(...))`.
 */
export function runEmbedderContract(name: string, make: () => Promise<Embedder>): void {
  describe(`${name} · Embedder contract`, () => {
    let e: Embedder;
    before(async () => {
      e = await make();
    });

    const SENTENCES = [
      "The defence minister met his counterparts in Brussels on Tuesday.",
      "Oil prices rose sharply after the announcement.",
      "A ceasefire was proposed by the mediators.",
    ];
    // Inputs that carry no usable word, or words no vocabulary knows, or names that live on Object.prototype.
    const DEGENERATE = ["", "   \n\t ", "?!.,;:—()[]", "zxqvbnmwkj qqqqzzzzxx", "toString constructor __proto__ valueOf", "🙂🙂"];

    test(`${name} · identity · has a non-empty id and a positive integer dim`, () => {
      assert.equal(typeof e.id, "string");
      assert.ok(e.id.length > 0);
      assert.ok(Number.isInteger(e.dim) && e.dim > 0, `dim ${e.dim}`);
    });

    test(`${name} · embedDocuments([]) · returns []`, async () => {
      assert.deepEqual(await e.embedDocuments([]), []);
    });

    test(`${name} · ordinary text · vectors have dim entries, are finite and unit length`, async () => {
      const vectors = await e.embedDocuments(SENTENCES);
      assert.equal(vectors.length, SENTENCES.length);
      for (const v of vectors) {
        assertFiniteOfDim(v, e.dim);
        assert.ok(Math.abs(norm(v) - 1) < 1e-3, `norm ${norm(v)}`);
      }
    });

    test(`${name} · same text twice, and from a second instance · gives the same vector`, async () => {
      const [a] = await e.embedDocuments([SENTENCES[0]!]);
      const [b] = await e.embedDocuments([SENTENCES[0]!]);
      const c = await (await make()).embedQuery(SENTENCES[0]!);
      assert.deepEqual(a, b);
      assertClose(a!, c);
    });

    test(`${name} · embedQuery(x) · equals embedDocuments([x])[0]`, async () => {
      for (const s of SENTENCES) assertClose(await e.embedQuery(s), (await e.embedDocuments([s]))[0]!);
    });

    test(`${name} · a batch · keeps input order`, async () => {
      const batch = await e.embedDocuments([...SENTENCES].reverse());
      const single = await Promise.all(SENTENCES.map((s) => e.embedQuery(s)));
      single.reverse().forEach((v, i) => assertClose(batch[i]!, v));
    });

    test(`${name} · different texts · give different vectors`, async () => {
      const [a, b] = await e.embedDocuments([SENTENCES[0]!, SENTENCES[1]!]);
      assert.ok(cosine(a!, b!) < 0.99, `cosine ${cosine(a!, b!)}`);
    });

    test(`${name} · empty, punctuation-only, unknown and prototype-named words · never crash or yield NaN`, async () => {
      const vectors = await e.embedDocuments(DEGENERATE);
      assert.equal(vectors.length, DEGENERATE.length);
      vectors.forEach((v, i) => {
        assertFiniteOfDim(v, e.dim);
        // Unit length, or all zeros for "no usable word": never something in between.
        const n = norm(v);
        assert.ok(n === 0 || Math.abs(n - 1) < 1e-3, `input ${JSON.stringify(DEGENERATE[i])}: norm ${n}`);
      });
      for (const s of DEGENERATE) assertFiniteOfDim(await e.embedQuery(s), e.dim);
    });

    test(`${name} · an unknown word mixed into a sentence · does not poison its vector`, async () => {
      const [clean, mixed] = await e.embedDocuments([SENTENCES[2]!, `${SENTENCES[2]!} qqqqzzzzxx`]);
      assertFiniteOfDim(mixed!, e.dim);
      assert.ok(cosine(clean!, mixed!) > 0.5, `cosine ${cosine(clean!, mixed!)}`);
    });
  });
}

function assertFiniteOfDim(v: number[], dim: number): void {
  assert.ok(Array.isArray(v), "vector is a number[]");
  assert.equal(v.length, dim);
  assert.ok(v.every(Number.isFinite), "every entry is finite");
}

function assertClose(a: number[], b: number[]): void {
  assert.equal(a.length, b.length);
  const worst = a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i]!)), 0);
  assert.ok(worst < 1e-5, `vectors differ by up to ${worst}`);
}

const norm = (v: number[]): number => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
const cosine = (a: number[], b: number[]): number => a.reduce((s, x, i) => s + x * b[i]!, 0) / (norm(a) * norm(b) || 1);
