import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { answerKind, answerType, asksDefault, isByline, namedEntities, surfaceWords } from "./entities.js";

describe("namedEntities", () => {
  it("namedEntities · a question · capitalised words and figures, not its first word", () => {
    assert.deepEqual(namedEntities("Besides Crimea, what did Hegseth say about NATO in 2014?"), ["crimea", "hegseth", "nato", "2014"]);
  });

  it("namedEntities · an acronym or figure first · kept", () => {
    assert.deepEqual(namedEntities("NATO members met"), ["nato"]);
  });

  it("namedEntities · joined names · split at dashes", () => {
    assert.deepEqual(namedEntities("the Trump–Putin call"), ["trump", "putin"]);
  });
});

describe("answerType", () => {
  for (const [question, type] of [
    ["How many troops would be needed?", "quantity"],
    ["What share of GDP goes to defence?", "quantity"],
    ["When was the article published?", "time"],
    ["On what date did Trump call?", "time"],
    ["Which British minister said so?", "person"],
    ["Who wrote the commentary?", "author"],
    ["Where do America's priorities lie?", "place"],
    ["Which senior US officials were due to attend?", "person"],
    ["Which TCP port does the server listen on by default?", "quantity"],
    ["What port does http.server use?", "quantity"],
    ["Which countries did the draft propose should leave the EU?", "place"],
    ["Which EU member states objected?", "place"],
    ["What did Kallas warn?", "other"],
    ["What happens when the timeout expires?", "open"],
    ["When I create an environment, which file is written?", "other"],
    ["When was it signed?", "time"],
    ["Since when has he been minister?", "time"],
    ["And when will the troops arrive?", "time"],
    ["How do I make an option a flag?", "howto"],
    ["How to install it?", "howto"],
    ["How does the deque differ from a list?", "open"],
    ["What is asyncio.TaskGroup?", "definition"],
    ["What is a descriptor in Python?", "definition"],
    ["What is the default value of ensure_ascii in json.dumps()?", "other"],
    ["What is the capital of France?", "other"],
    ["Why do the docs recommend datetime.now(timezone.utc)?", "open"],
    ["How did German politicians react to the plan?", "open"],
    ["How does a generator function differ from a regular function?", "open"],
    ["What happened on the battlefield in 2024?", "open"],
  ] as const) {
    it(`answerType · "${question}" · ${type}`, () => assert.equal(answerType(question), type));
  }
});

describe("asksDefault", () => {
  for (const [question, expected] of [
    ["What is the default value of ensure_ascii?", true],
    ["Are NFS exports read-only by default?", true],
    ["How many threads does it use if I don't pass max_workers?", true],
    ["How much is the niceness raised without giving a level?", true],
    ["How do I set max_workers?", false],
    ["What did Kallas warn?", false],
  ] as const) {
    it(`asksDefault · ${question} · ${expected}`, () => assert.equal(asksDefault(question), expected));
  }
});

describe("answerKind", () => {
  for (const [question, kind] of [
    ["How much money did they pledge?", "figure"],
    ["When did Trump call?", "date"],
    ["In what year was the Helsinki summit?", "date"],
    ["Who is the current prime minister?", "name"],
    ["Which party won the election?", "name"],
    ["What is the name of the minister he spoke to?", "name"],
    ["Where do America's priorities lie?", "name"],
    ["Which of these is faster?", undefined],
    ["What did Kallas warn?", undefined],
    ["How do I make an option a flag?", undefined],
  ] as const) {
    it(`answerKind · "${question}" · ${kind}`, () => assert.equal(answerKind(question), kind));
  }
});

describe("isByline", () => {
  it("isByline · author lines · true", () => {
    for (const line of ["Peter Schwarz", "by Riccardo Alcaro", "Editor: Leo Goretti (l.goretti@iai.it)", "Danny Byrne, ISA International Political Committee"])
      assert.ok(isByline(line), line);
  });

  it("isByline · headings, dates and sentences · false", () => {
    for (const line of [
      "Latest IAI COMMENTARIES",
      "14 February 2025",
      "The US pivot away from Ukraine",
      "Trump Called Putin.",
      "Trump’s Phone Call With Putin Leaves Europe Reeling",
      "Europe Braces For A Long Winter Of Talks",
    ])
      assert.equal(isByline(line), false, line);
  });
});

describe("surfaceWords", () => {
  it("surfaceWords · tokens · the words as written, possessives dropped", () => {
    assert.deepEqual(surfaceWords("What did Emmanuel Macron's team say?", new Set(["macron", "emmanuel"])), ["Emmanuel", "Macron"]);
  });
});
