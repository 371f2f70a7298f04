import assert from "node:assert/strict";
import { it } from "node:test";
import { isNoteStart, splitAtFootnoteBlocks } from "./footnote-blocks.js";

it("isNoteStart · numbered references · recognised; numbered prose and lists · not", () => {
  const notes = [
    '³ Andrew Roth, "Trump Refuses to Say", in *The Guardian*, 11 September 2024, https://www.theguardian.com/p/xveepy.',
    "⁴ Ibid.",
    '¹ @TrumpDailyPosts, "I just had a lengthy and highly productive phone call with President',
    "12 J. Smith et al., Security in Europe, Oxford 2021, pp. 4-9.",
    "[3] See https://example.org/report.",
  ];
  for (const line of notes) assert.ok(isNoteStart(line), line);
  const prose = [
    "25 08 Riccardo Alcaro, Trump's Call with Putin Raises Great Concerns, Few Hopes",
    "1. Sanctions on the central bank, announced on 12 February 2025.",
    "2025 was the year the talks began.",
    "Via dei Montecatini, 17 I-00186 Rome, Italy www.iai.it",
  ];
  for (const line of prose) assert.ok(!isNoteStart(line), line);
});

it("splitAtFootnoteBlocks · block between two halves of a sentence · text split at it, notes (bio included) and fragments sorted", () => {
  const lines = [
    "The peace deal would have to be guaranteed by European forces, said the minister, and even",
    "",
    "that was not all he said.",
    "",
    '¹ Andrew Roth, "Trump Refuses to Say", in *The Guardian*, 11 September 2024, https://www.theguardian.com/p/x.',
    "",
    "Jane Roe is a senior fellow at the institute.",
    "",
    "² Ibid.",
    "",
    "non-European forces, with no US participation.",
    "A new paragraph.",
  ];
  const [before, after, ...rest] = splitAtFootnoteBlocks([lines]);
  assert.equal(rest.length, 0);
  assert.deepEqual(before?.lines, [lines[0], ""]);
  assert.deepEqual(before?.notes, [[lines[4]], ["Jane Roe is a senior fellow at the institute."], ["² Ibid."]]);
  assert.deepEqual(before?.fragments, [{ lines: ["that was not all he said."], leading: true }]);
  assert.deepEqual(after?.lines, ["", "non-European forces, with no US participation.", "A new paragraph."]);
});

it("splitAtFootnoteBlocks · wrapped notes and an unnumbered citation line · joined to the unfinished note", () => {
  const page = [
    "Body text that ends the page.",
    'President Putin of Russia", X post, 12 February 2025, https://x.com/a/status/1.',
    '¹ @TrumpDailyPosts, "I just had a call with',
    "² Department of Defense, Remarks by the Secretary, Brussels, 12 February 2025,",
    "https://www.defense.gov/News/Speeches/4064113.",
  ];
  const [segment] = splitAtFootnoteBlocks([page]);
  assert.deepEqual(segment?.lines, ["Body text that ends the page."]);
  assert.deepEqual(segment?.notes, [
    ['¹ @TrumpDailyPosts, "I just had a call with', page[1]],
    [page[3], page[4]],
  ]);
});

it("splitAtFootnoteBlocks · a lone citation in prose, pages without notes · left alone", () => {
  const prose = ["The report (https://example.org, 12 February 2025) says so.", "", "More text."];
  const segments = splitAtFootnoteBlocks([prose, ["Second page."]]);
  assert.deepEqual(
    segments.map((s) => [s.page, s.lines, s.notes.length]),
    [
      [0, prose, 0],
      [1, ["Second page."], 0],
    ],
  );
});

it("splitAtFootnoteBlocks · prose notes (no reference cues) paired with markers on the page · a block of notes", () => {
  const page = [
    "Comments can be put almost2 anywhere, starting with a hashmark.",
    "Command lines entered at the console are limited3 to about 4095 bytes.",
    "2 not inside strings, nor within the argument list of a function definition",
    "3 some of the consoles will not allow you to enter more.",
  ];
  const [first] = splitAtFootnoteBlocks([page]);
  assert.deepEqual(
    first!.notes.map((n) => n[0]!.slice(0, 2)),
    ["2 ", "3 "],
  );
  assert.equal(first!.lines.length, 2);
  const unpaired = ["A list follows.", "2 apples are on the table", "3 pears are beside them"];
  assert.deepEqual(splitAtFootnoteBlocks([unpaired])[0]!.notes, [], "numbered lines nothing on the page points to stay text");
});
