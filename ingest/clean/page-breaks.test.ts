import assert from "node:assert/strict";
import { it } from "node:test";
import { rejoinAcrossBreaks, type SegmentParagraphs } from "./page-breaks.js";

const CUT = "The readiness to accept the land grabs undermines the norm of territorial integrity (which the claims to Gaza and even";
const seg = (page: number, paragraphs: string[], fragments: SegmentParagraphs["fragments"] = []): SegmentParagraphs => ({ page, paragraphs, fragments });

it("rejoinAcrossBreaks · paragraph cut before a break · continues with the text after it, on its own page", () => {
  const pages = rejoinAcrossBreaks([seg(0, ["Intro.", CUT]), seg(1, ["Canada has already weakened) and may encourage others.", "Next."])], 2);
  assert.deepEqual(pages, [["Intro.", `${CUT} Canada has already weakened) and may encourage others.`], ["Next."]]);
});

it("rejoinAcrossBreaks · heading or finished paragraph before the break · nothing joined", () => {
  const done = "A finished paragraph that ends with a full stop, long enough to be prose rather than a heading.";
  assert.deepEqual(rejoinAcrossBreaks([seg(0, [CUT]), seg(0, ["Reasons to despair", "Text."])], 1), [[CUT, "Reasons to despair", "Text."]]);
  assert.deepEqual(rejoinAcrossBreaks([seg(0, [done]), seg(0, ["and more text."])], 1), [[done, "and more text."]]);
});

it("rejoinAcrossBreaks · lowercase fragments stranded in the block · continue the earlier cut paragraph", () => {
  const first = "In his post, Trump expressed the hope for cordial relations. Critically, he vowed to end the war via";
  const second = "Hegseth then went on to clarify that any future peace deal in the war in Ukraine would";
  const pages = rejoinAcrossBreaks(
    [
      seg(
        0,
        [first, second],
        [
          { text: "negotiations and said talks would start soon.", leading: false },
          { text: "and a fragment that continues nothing.", leading: false },
        ],
      ),
      seg(0, ["have to be guaranteed by European forces."]),
    ],
    1,
  );
  assert.deepEqual(pages, [
    [`${first} negotiations and said talks would start soon.`, `${second} have to be guaranteed by European forces.`, "and a fragment that continues nothing."],
  ]);
});

it("rejoinAcrossBreaks · fragment right after the cut paragraph · it continues the paragraph unless the next page closes its bracket", () => {
  const cut = "The ministers agreed that the burden of the war would fall on the Europeans, who were told";
  const fragment = { text: "that they should carry it alone.", leading: true };
  assert.deepEqual(rejoinAcrossBreaks([seg(0, [cut], [fragment]), seg(1, ["Finally, the logic is baffling."])], 2), [
    [`${cut} that they should carry it alone.`],
    ["Finally, the logic is baffling."],
  ]);
  assert.deepEqual(rejoinAcrossBreaks([seg(0, [CUT], [fragment]), seg(1, ["Canada has weakened) and so on."])], 2), [
    [`${CUT} Canada has weakened) and so on.`, "that they should carry it alone."],
    [],
  ]);
});
