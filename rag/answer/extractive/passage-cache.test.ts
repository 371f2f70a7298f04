import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { analysePassage, PassageCache } from "./passage-cache.js";
import { hit } from "../hits.fixture.js";

describe("analysePassage", () => {
  it("analysePassage · a quotation over two sentences · one unit with its speaker", () => {
    const text = "“There can be no negotiation about Ukraine without Ukraine. And Ukraine’s voice must be heard,” Healey said. Next.";
    const [first] = analysePassage(text).sentences;
    assert.equal(first!.quote, "“There can be no negotiation about Ukraine without Ukraine. And Ukraine’s voice must be heard,” Healey said.");
  });

  it("analysePassage · sentence offsets · point at the sentence in the chunk text", () => {
    const text = "First   sentence here.\nSecond one, with\n\n a break? No.";
    for (const s of analysePassage(text).sentences) assert.equal(text.slice(s.start, s.end).replace(/\s+/gu, " "), s.quote);
  });

  it("analysePassage · cut, footnote and figures · flagged", () => {
    const [cut, footnote, money] = analysePassage(
      "have to be guaranteed by European forces.\n² US Department of Defense, https://www.defense.gov/x\nAid exceeded €200 billion in 2024.",
    ).sentences;
    assert.equal(cut!.fragment, true);
    assert.equal(footnote!.reference, true);
    assert.equal(money!.hasMoney, true);
    assert.equal(money!.hasDate, true);
    assert.deepEqual([...money!.figures], ["200", "2024"]);
  });

  it("analysePassage · a passage opening with its section's heading · the sentence after it is the heading's lead", () => {
    const text = "class asyncio.TaskGroup\n\nAn asynchronous context manager holding a group of tasks. Tasks are awaited on exit.";
    const info = analysePassage(text, "Coroutines and Tasks", "class asyncio.TaskGroup");
    assert.equal(info.lead, 1);
    assert.ok(info.headingTerms.has("asyncio.taskgroup") && info.headingTerms.has("taskgroup"));
    assert.equal(analysePassage("Tasks are awaited on exit. More text.", "Coroutines and Tasks", "class asyncio.TaskGroup").lead, -1);
  });

  it("analysePassage · a sentence ending with a colon before a paragraph of code · shows that block as written", () => {
    const text = "The following command reinstalls postfix:\n\n# apt --reinstall install postfix\n#   (as root)\n\nIt also works with apt-get.";
    const [intro, ...rest] = analysePassage(text).sentences;
    assert.deepEqual(intro!.shows, { code: "# apt --reinstall install postfix\n#   (as root)", start: 43, end: 90 });
    assert.equal(text.slice(intro!.shows!.start, intro!.shows!.end), intro!.shows!.code);
    assert.ok(rest.every((s) => s.shows === undefined));
  });

  it("analysePassage · after the colon, one prose sentence, code indexing a list, or no code · no block shown", () => {
    const shows = (text: string) => analysePassage(text).sentences[0]!.shows;
    assert.equal(shows("Note the following:\n\nThe os.path module is always the one for the local system."), undefined);
    assert.equal(shows("Read the first argument:\n\nname = sys.argv[1]\nprint(name)"), undefined);
    assert.equal(shows("These are the options:\n\nred, green\nand blue"), undefined);
  });

  it("analysePassage · a Title Case line without closing punctuation · a headline; a name or a sentence · not", () => {
    const [headline, byline, sentence] = analysePassage("Trump’s Phone Call With Putin Leaves Europe Reeling\n\nPeter Schwarz\n\nThe Call Was Long.").sentences;
    assert.deepEqual([headline!.headline, byline!.headline, sentence!.headline], [true, false, false]);
    assert.equal(headline!.byline, false);
  });

  it("analysePassage · hyphenated figure · its word counts as a term", () => {
    assert.ok(analysePassage("The 28-point plan was submitted.").sentences[0]!.terms.has("point"));
  });
});

describe("PassageCache", () => {
  it("get · same chunk id with new text · recomputes", () => {
    const cache = new PassageCache();
    const a = cache.get(hit("a.txt", "A", "Old text here.").chunk);
    assert.equal(cache.get(hit("a.txt", "A", "Old text here.").chunk), a);
    assert.notEqual(cache.get(hit("a.txt", "A", "New text here.").chunk), a);
  });

  it("get · over the limit · forgets the oldest", () => {
    const cache = new PassageCache(1);
    const first = cache.get(hit("a.txt", "A", "One.").chunk);
    cache.get(hit("b.txt", "B", "Two.").chunk);
    assert.notEqual(cache.get(hit("a.txt", "A", "One.").chunk), first);
  });
});
