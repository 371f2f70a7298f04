import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { AnswerEvent, Hit } from "../../../core/types.js";
import { collect } from "../collect.js";
import { assertCitationsConsistent, assertVerbatim } from "../composition.fixture.js";
import { standalone } from "../../condense/condense.js";
import { ExtractiveAnswerer } from "./extractive-answerer.js";
import { hit } from "../hits.fixture.js";

const BORDERS_000 = hit(
  "000.txt",
  "Trump's call with Putin plunges Europe into crisis",
  "Prior to this, US Secretary of Defense Pete Hegseth had made it clear in Brussels that it was unrealistic to expect " +
    "Ukraine to return to its 2014 borders. Hegseth also emphasized that ensuring future peace would be Europe's " +
    "responsibility.\n\nGerman Chancellor Olaf Scholz warned against excessive concessions to Russia.",
);
const BORDERS_001 = hit(
  "001.txt",
  "Trump's call with Putin raises concerns",
  "Hegseth acknowledged that returning Ukraine to its 1991 borders would be unrealistic. He added that the United " +
    "States does not support further enlargement of NATO.",
);
const AID = hit(
  "002.txt",
  "The great betrayal?",
  "The war has dragged on for years. Despite providing Ukraine with military and financial aid exceeding €200 billion, " +
    "the Ukrainian army remains on the defensive. Europe has given more than the US.",
);

const answerer = new ExtractiveAnswerer();
const compose = (question: string, hits: Hit[]) => answerer.compose(question, hits);

describe("ExtractiveAnswerer", () => {
  it("analyse · answerKind · a question asking for a name the passages never give scores 0, one they give scores 1", () => {
    const minister = hit("010.txt", "Talks", "The British prime minister of the day met Stalin at Yalta. Defence Secretary John Healey spoke in Brussels.");
    assert.equal(answerer.analyse("Who was the British prime minister at Yalta?", [minister]).evidence.answerKind, 0);
    const named = hit("011.txt", "Talks", "The British prime minister Winston Churchill met Stalin at Yalta.");
    assert.equal(answerer.analyse("Who was the British prime minister at Yalta?", [named]).evidence.answerKind, 1);
    // A question that asks for no kind of thing is neutral.
    assert.equal(answerer.analyse("What did the British prime minister do at Yalta?", [minister]).evidence.answerKind, 1);
  });

  it("compose · a how-to question answered by a sentence introducing a command · the command follows it, fenced, and is not quoted again", () => {
    const reinstall = hit(
      "apt.html",
      "Package management",
      "To reinstall a package that is already installed, use the --reinstall option. The following command reinstalls postfix:\n\n" +
        "# apt --reinstall install postfix\n\nThe package is then unpacked again.",
    );
    const how = compose("How do I reinstall the postfix package?", [reinstall]);
    assert.match(how.answer, /reinstalls postfix:\n```\n# apt --reinstall install postfix\n```\n\[1\]/u);
    assert.equal(how.answer.split("apt --reinstall install postfix").length, 2, "the command appears once");
    assertCitationsConsistent(how);
    // Any other kind of question quotes the sentences alone.
    assert.doesNotMatch(compose("Which option reinstalls a package that is already installed?", [reinstall]).answer, /```/u);
  });

  it("compose · what is X? · the sentence saying what X is opens the answer", () => {
    const venv = hit(
      "venv.html",
      "Virtual environments",
      "Each Python virtual environment in Python uses the Python of its base installation. " +
        "The solution is to create a virtual environment, a self-contained directory tree with a Python installation.",
    );
    assert.match(compose("What is a virtual environment in Python?", [venv]).answer, /^The solution is to create a virtual environment, a self-contained/u);
  });

  it("compose · who wrote it, over a passage opening with a headline and a byline · the byline is quoted, the headline is not", () => {
    const article = hit(
      "000.txt",
      "Europe reels",
      "Trump’s Phone Call With Putin Leaves Europe Reeling\n\nPeter Schwarz\n\nTrump's call with Putin has left Europe reeling, the article says.",
    );
    // The abstention model is not under test here.
    const c = new ExtractiveAnswerer({ abstainThreshold: 0 }).compose("Who wrote the article about Trump's call with Putin leaving Europe reeling?", [article]);
    assert.match(c.answer, /Peter Schwarz \[1\]/u);
    assert.doesNotMatch(c.answer, /Leaves Europe Reeling/u);
  });

  it("compose · answerable question · quotes sentences verbatim with markers that all resolve", () => {
    const c = compose("What did Hegseth say about Europe's responsibility for peace?", [BORDERS_000, BORDERS_001]);
    assert.equal(c.abstained, false);
    assert.equal(c.generator, "extractive");
    assert.match(c.answer, /Europe's responsibility\. \[1\]/u);
    assertCitationsConsistent(c);
    assertVerbatim(c);
    assert.deepEqual(c.related, []);
  });

  it("compose · passages that disagree on a figure · quotes both, each with its own citation", () => {
    const c = compose("Which borders did Hegseth say it was unrealistic for Ukraine to return to?", [BORDERS_000, BORDERS_001]);
    assert.match(c.answer, /2014 borders/u);
    assert.match(c.answer, /1991 borders/u);
    assert.deepEqual(c.citations.map((x) => x.source).sort(), ["000.txt", "001.txt"]);
    assertCitationsConsistent(c);
    assertVerbatim(c);
  });

  it("compose · disagreeing figures with room for one sentence · still quotes both", () => {
    const one = new ExtractiveAnswerer({ maxSentences: 1 });
    const c = one.compose("Which borders did Hegseth say it was unrealistic for Ukraine to return to?", [BORDERS_000, BORDERS_001]);
    assert.match(c.answer, /2014 borders.*\[\d\].*1991 borders|1991 borders.*\[\d\].*2014 borders/u);
    assert.equal(c.citations.length, 2);
  });

  it("compose · a 'how much' question · picks the sentence with the figure", () => {
    const c = compose("How much aid has Ukraine received?", [AID, BORDERS_000]);
    assert.equal(c.abstained, false);
    assert.match(c.answer, /€200 billion/u);
    assert.equal(c.citations[0]!.source, "002.txt");
  });

  it("compose · a question about a default · the sentence saying what it defaults to opens the answer", () => {
    const timer = hit(
      "020.txt",
      "timeit",
      "Each timeit() call runs the statement number times and returns the total. " +
        "If number is not given, timeit() runs the statement a million times by default.",
    );
    const c = compose("How often does timeit() run the statement if I don't pass number?", [timer]);
    assert.match(c.answer, /^If number is not given, timeit\(\) runs the statement a million times by default\. \[1\]/u, c.answer);
  });

  it("compose · several sentences of one passage · the best opens the answer, the rest follow in document order", () => {
    const question = "What did Hegseth say about Ukraine's 2014 borders and Europe's responsibility for future peace?";
    const c = compose(question, [BORDERS_000]);
    const { picked } = answerer.analyse(question, [BORDERS_000]);
    const best = [...picked].sort((a, b) => b.score - a.score)[0]!;
    assert.ok(picked.length >= 2, c.answer);
    assert.ok(c.answer.startsWith(best.sentence.quote), c.answer);
    const rest = picked.filter((p) => p !== best).map((p) => c.answer.indexOf(p.sentence.quote));
    assert.deepEqual(
      rest,
      [...rest].sort((a, b) => a - b),
      "the others keep their document order",
    );
  });

  it("compose · 'what is X?' over a passage under X's heading · the sentence the heading introduces opens the answer", () => {
    const section = {
      ...hit(
        "tasks.html",
        "Coroutines and Tasks",
        "class asyncio.TaskGroup\n\nAn asynchronous context manager holding a group of tasks. Tasks are added with create_task().",
      ),
    };
    section.chunk.section = "Coroutines and Tasks › Task Groups › class asyncio.TaskGroup";
    const mention = hit("whatsnew.html", "What's New", "The asyncio.TaskGroup class provides a more modern alternative to asyncio.gather().");
    const c = compose("What is asyncio.TaskGroup?", [section, mention]);
    assert.equal(c.abstained, false);
    assert.ok(c.answer.startsWith("An asynchronous context manager holding a group of tasks."), c.answer);
  });

  it("compose · an open question · quotes each further point that says something new, up to four", () => {
    const reactions = hit(
      "000.txt",
      "German politicians and the plan",
      "German politicians reacted sharply to the plan. Chancellor Scholz reacted by warning that the plan meant a dictated peace for Ukraine. " +
        "The Green politician Fücks reacted with anger: the plan threw Ukraine under the bus, he wrote. " +
        "The BSW reacted with praise, calling the plan a path to peace.",
    );
    const c = compose("How did German politicians react to the plan?", [reactions]);
    for (const point of ["dictated peace", "under the bus", "BSW"]) assert.match(c.answer, new RegExp(point, "u"), c.answer);
  });

  it("compose · overlapping chunks repeat a sentence · quotes it once", () => {
    const overlap = hit("000.txt", BORDERS_000.chunk.title, BORDERS_000.chunk.text.slice(0, 200), { id: "000.txt#1" });
    const c = compose("What did Hegseth say about Ukraine's 2014 borders?", [BORDERS_000, overlap]);
    assert.equal(c.answer.split("2014 borders").length, 2, c.answer);
  });

  it("compose · a question the passages do not support · abstains with no citations and related passages", () => {
    const c = compose("What is the boiling point of water on Mars?", [BORDERS_000, AID]);
    assert.equal(c.abstained, true);
    assert.deepEqual(c.citations, []);
    assert.doesNotMatch(c.answer, /\[\d+\]/u);
    assert.match(c.answer, /^The documents don't say/u);
    assert.deepEqual(
      c.related.map((r) => r.source),
      ["000.txt", "002.txt"],
    );
  });

  it("compose · a name no passage mentions · abstains and names what is missing", () => {
    const c = compose("What did Emmanuel Macron say about Ukraine's borders?", [BORDERS_000, BORDERS_001]);
    assert.equal(c.abstained, true);
    assert.match(c.answer, /Emmanuel, Macron|Emmanuel Macron|Macron/u);
  });

  it("compose · no hits · abstains with nothing related", () => {
    const c = compose("Which borders did Hegseth mention?", []);
    assert.equal(c.abstained, true);
    assert.deepEqual(c.citations, []);
    assert.deepEqual(c.related, []);
  });

  it("compose · threshold 0 · never abstains while something matches", () => {
    const never = new ExtractiveAnswerer({ abstainThreshold: 0 });
    const c = never.compose("What did Emmanuel Macron say about Ukraine's borders?", [BORDERS_000, BORDERS_001]);
    assert.equal(c.abstained, false);
    assertCitationsConsistent(c);
  });

  it("answer · streaming · yields citations, then tokens, then done; the tokens make up the answer", async () => {
    const events: AnswerEvent[] = [];
    for await (const e of answerer.answer(standalone("Which borders did Hegseth mention?"), [BORDERS_000, BORDERS_001])) events.push(e);
    const types = events.map((e) => e.type);
    assert.equal(types[0], "citations");
    assert.equal(types.at(-1), "done");
    assert.ok(types.slice(1, -1).length >= 1 && types.slice(1, -1).every((t) => t === "token"));
    const done = events.at(-1) as Extract<AnswerEvent, { type: "done" }>;
    const text = events.flatMap((e) => (e.type === "token" ? [e.text] : [])).join("");
    assert.equal(text, done.answer.answer);
    assert.deepEqual((events[0] as Extract<AnswerEvent, { type: "citations" }>).citations, done.answer.citations);
  });

  it("answer · collected · equals compose", async () => {
    const question = "How much aid has Ukraine received?";
    assert.deepEqual(await collect(answerer.answer(standalone(question), [AID])), compose(question, [AID]));
  });

  it("answer · aborted signal · stops with the abort reason", async () => {
    const abort = new AbortController();
    abort.abort(new Error("client went away"));
    await assert.rejects(collect(answerer.answer(standalone("Which borders?"), [BORDERS_000], { signal: abort.signal })), /client went away/u);
  });

  it("analyse · a follow-up with carried words · weighs the user's own words above the carried ones", () => {
    const { picked } = answerer.analyse({ question: "and what did Scholz warn against?", carried: ["Hegseth", "Ukraine", "borders"] }, [
      BORDERS_000,
      BORDERS_001,
    ]);
    assert.match(picked[0]!.sentence.quote, /^German Chancellor Olaf Scholz warned/u);
  });

  it("compose · a passage with its own bracketed numbers (package[17], gitignore[5], [1]) · no marker in the answer but ours", () => {
    const docs = hit(
      "git.txt",
      "Git manual",
      "Install the helper package[17] before you configure the repository hooks. Patterns are described in gitignore[5] and in the notes [1].",
    );
    const c = compose("Which package must be installed before configuring the repository hooks?", [AID, docs]);
    assert.equal(c.abstained, false);
    assert.match(c.answer, /package\(17\) before you configure/u);
    assertCitationsConsistent(c);
    assertVerbatim(c);
  });

  it("constructor · maxSentences below 1 · throws", () => {
    assert.throws(() => new ExtractiveAnswerer({ maxSentences: 0 }), RangeError);
  });
});
