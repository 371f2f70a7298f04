import assert from "node:assert/strict";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { makePdf } from "../ingest/load/pdf-fixture.js";
import { corpusNames, loadCorpus } from "./corpora/corpus.js";
import { GOLD_TYPES, findGoldProblems, loadGold, parseGold, validateGold, type GoldItem } from "./gold.js";
import { assignSplits } from "./split.js";

const CORPUS = path.resolve(import.meta.dirname, "../../shared/corpus");
const GOLD = path.join(import.meta.dirname, "corpora/news/gold.jsonl");
const NEW_CORPUS_TYPES = ["definition", "default-value", "how-to", "open", "paraphrase", "multi-part", "follow-up"] as const;

function item(over: Partial<GoldItem> & { id: string }): GoldItem {
  const base: GoldItem = {
    id: over.id,
    type: "single-fact",
    question: "Who chairs the meeting?",
    answer: "Ada Lovelace chairs it.",
    facts: [["Lovelace"]],
    sources: ["a.txt"],
    evidence: "chaired by Ada Lovelace",
    answerable: true,
    split: "tune",
  };
  const merged = { ...base, ...over };
  // Keep the seeded split consistent unless a test overrides it on purpose.
  return { ...merged, split: over.split ?? assignSplits([merged]).get(merged.id) ?? "tune" };
}

describe("gold set", () => {
  let dir = "";
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "gold-"));
    await writeFile(path.join(dir, "a.txt"), "The meeting,\n  chaired by Ada   Lovelace, opened with “a toast”.");
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test("gold.jsonl · against ../shared/corpus · every evidence is found and nothing else is wrong", async () => {
    const gold = await loadGold(GOLD);
    assert.deepEqual(await findGoldProblems(gold, CORPUS), []);
  });

  test("news gold · composition · ≥ 60 questions, its types present, ≥ 10 unanswerable, ~30% held out", async () => {
    const gold = await loadGold(GOLD);
    assert.ok(gold.length >= 60, `${gold.length} questions`);
    for (const t of GOLD_TYPES.filter((t) => !["definition", "default-value", "how-to", "multi-part"].includes(t)))
      assert.ok(
        gold.some((g) => g.type === t),
        `type ${t} missing`,
      );
    assert.ok(gold.filter((g) => !g.answerable).length >= 10);
    const heldout = gold.filter((g) => g.split === "heldout").length / gold.length;
    assert.ok(heldout > 0.25 && heldout < 0.35, `held-out share ${heldout}`);
  });

  for (const name of ["python-docs", "r-manuals", "debian-handbook"]) {
    test(`${name} gold · ≥ 45 questions, the kinds the suite needs, ≥ 10 near-misses, one split, valid where fetched`, async (t) => {
      const corpus = await loadCorpus(name);
      const gold = await loadGold(corpus.gold);
      assert.ok(gold.length >= 45, `${gold.length} questions`);
      for (const type of NEW_CORPUS_TYPES)
        assert.ok(
          gold.some((g) => g.type === type),
          `type ${type} missing`,
        );
      assert.ok(gold.filter((g) => !g.answerable).length >= 10);
      assert.ok(gold.every((g) => g.split === corpus.role));
      const fetched = await stat(corpus.docsDir).then(
        () => true,
        () => false,
      );
      if (!fetched) return t.skip(`documents not fetched: npm run corpus -- fetch ${name}`);
      assert.deepEqual(await findGoldProblems(gold, corpus.docsDir, corpus.role), []);
    });
  }

  test("corpusNames · every corpus folder · news first", async () => {
    assert.deepEqual(await corpusNames(), ["news", "debian-handbook", "python-docs", "r-manuals"]);
  });

  test("findGoldProblems · HTML and PDF sources · evidence is checked against the extracted text, not the bytes", async () => {
    await writeFile(
      path.join(dir, "page.html"),
      "<html><head><title>Guide</title></head><body><p>The <b>default</b>\n port is <code>8080</code>.</p></body></html>",
    );
    await writeFile(path.join(dir, "manual.pdf"), await makePdf([["The cache holds", "at most 512 entries."]]));
    const html = item({ id: "sf-01", split: "tune", sources: ["page.html"], evidence: "The default port is 8080." });
    const pdf = item({
      id: "sf-02",
      split: "tune",
      sources: ["manual.pdf"],
      evidence: "at most 512 entries",
      answer: "At most 512 entries.",
      facts: [["512"]],
    });
    assert.deepEqual(await findGoldProblems([html, pdf], dir, "tune"), []);
    const raw = item({ id: "sf-03", sources: ["page.html"], evidence: "<b>default</b>" });
    assert.match((await findGoldProblems([raw], dir)).join("\n"), /sf-03: evidence not found in page\.html/);
  });

  test("findGoldProblems · a held-out corpus · every item must say heldout", async () => {
    const problems = await findGoldProblems([item({ id: "sf-01", split: "tune" })], dir, "heldout");
    assert.deepEqual(problems, ["sf-01: split is tune, the corpus is heldout"]);
  });

  test("findGoldProblems · whitespace and curly quotes differ · evidence still matches", async () => {
    const ok = item({ id: "sf-01", evidence: 'chaired by Ada Lovelace, opened with "a toast"' });
    assert.deepEqual(await findGoldProblems([ok], dir), []);
  });

  test("findGoldProblems · several bad items · lists every problem", async () => {
    const gold = [
      item({ id: "sf-01", evidence: "chaired by Charles Babbage" }),
      item({ id: "sf-02", sources: ["missing.txt"] }),
      item({ id: "sf-03", answer: "Someone chairs it." }),
      item({ id: "un-01", type: "unanswerable", answerable: false, facts: [["x"]], sources: [], evidence: "" }),
      item({ id: "fu-01", type: "follow-up" }),
    ];
    const problems = await findGoldProblems(gold, dir);
    const has = (re: RegExp) =>
      assert.ok(
        problems.some((p) => re.test(p)),
        `no problem matching ${re} in\n${problems.join("\n")}`,
      );
    has(/^sf-01: evidence not found in a\.txt: "chaired by Charles Babbage"/);
    has(/^source missing\.txt: cannot extract/);
    has(/^sf-02: evidence not found/);
    has(/^sf-03: gold answer misses its own facts \[\["Lovelace"\]\]/);
    has(/^un-01: unanswerable items have no facts/);
    has(/^fu-01: follow-up without history/);
  });

  test("findGoldProblems · duplicate id and hand-edited split · both reported", async () => {
    const a = item({ id: "sf-01" });
    const flipped = a.split === "tune" ? "heldout" : "tune";
    const problems = await findGoldProblems([a, { ...a, split: flipped }], dir);
    assert.ok(problems.includes("sf-01: duplicate id"));
    assert.ok(problems.some((p) => p.startsWith(`sf-01: split is ${flipped}`)));
  });

  test("findGoldProblems · multi-doc item whose evidence all comes from one source · names the other source", async () => {
    await writeFile(path.join(dir, "b.txt"), "A second report on the same meeting.");
    const both = item({ id: "multi-01", type: "multi-doc", sources: ["a.txt", "b.txt"], evidence: ["chaired by Ada Lovelace"] });
    assert.deepEqual(await findGoldProblems([both], dir), ["multi-01: multi-doc item has no evidence from source b.txt"]);
    const fixed = { ...both, evidence: ["chaired by Ada Lovelace", "A second report"] };
    assert.deepEqual(await findGoldProblems([fixed], dir), []);
  });

  test("validateGold · a bad evidence · throws an AppError whose details list it", async () => {
    await assert.rejects(validateGold([item({ id: "sf-01", evidence: "nowhere" })], dir), (err: Error & { details?: unknown }) => {
      assert.match(err.message, /1 problem/);
      assert.deepEqual(err.details, ['sf-01: evidence not found in a.txt: "nowhere"']);
      return true;
    });
  });

  test("parseGold · bad JSON and a missing field on two lines · reports both line numbers", () => {
    const good = JSON.stringify(item({ id: "sf-01" }));
    const noQuestion = JSON.stringify({ ...item({ id: "sf-02" }), question: undefined });
    assert.throws(
      () => parseGold(`${good}\n{oops\n${noQuestion}\n`, "g.jsonl"),
      (err: Error) => {
        assert.match(err.message, /g\.jsonl:2: invalid JSON/);
        assert.match(err.message, /g\.jsonl:3: question:/);
        return true;
      },
    );
  });
});

describe("assignSplits", () => {
  test("assignSplits · 10 items of one type and 10 of another · 3 held out in each, stable across calls", () => {
    const items = [...Array(10).keys()].flatMap((i) => [
      { id: `a-${i}`, type: "a" },
      { id: `b-${i}`, type: "b" },
    ]);
    const s1 = assignSplits(items);
    const s2 = assignSplits([...items].reverse());
    for (const t of ["a", "b"]) assert.equal(items.filter((x) => x.type === t && s1.get(x.id) === "heldout").length, 3);
    assert.deepEqual([...s1.entries()].sort(), [...s2.entries()].sort());
    assert.notDeepEqual([...assignSplits(items, "other-seed").entries()].sort(), [...s1.entries()].sort(), "a different seed gives a different split");
  });
});
