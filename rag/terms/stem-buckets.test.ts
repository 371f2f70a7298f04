import assert from "node:assert/strict";
import { test } from "node:test";
import { Bm25Index } from "../../ingest/index.js";
import { sameStem } from "./same-stem.js";
import { StemBuckets } from "./stem-buckets.js";

const WORDS =
  "lily lilies policy policies force forces talk talks talking talked stop stopped negotiations negotiating ukraine ukrainian " +
  "ukrainians zelensky zelenskiy attend attendance depend dependence accept access supply support peace peacekeepers state " +
  "statement sent sentence flies fly boxes box buses bus axes axis 2014 2015 abc1d abcd abcde cities city citizen";

test("StemBuckets.forms · every word of a vocabulary · exactly the words a scan with sameStem finds", () => {
  const bm25 = new Bm25Index({ id: "words", terms: (t) => t.split(" ") });
  bm25.add(0, WORDS);
  const vocabulary = bm25.postingLists();
  const buckets = new StemBuckets(vocabulary);
  const terms = Array.from({ length: vocabulary.termCount }, (_, id) => vocabulary.term(id));
  for (const word of [...terms, "lilys", "policie", "talker", "ukrainians's"]) {
    const scanned = terms.flatMap((other, id) => (other !== word && sameStem(word, other) ? [id] : []));
    assert.deepEqual(buckets.forms(word).sort(), scanned.sort(), word);
  }
  assert.deepEqual(buckets.forms("lily").map(vocabulary.term), ["lilies"]);
});
