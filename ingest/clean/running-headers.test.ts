import assert from "node:assert/strict";
import { it } from "node:test";
import { splitAtRepeatedLines, stripRunningHeaders } from "./running-headers.js";

const page = (n: number, body: string[]) => [`Quarterly Review · Issue 7 · page ${n}`, ...body, `${n}`];

it("stripRunningHeaders · header with changing page number on every page · header and page numbers dropped", () => {
  const pages = [page(1, ["Alpha text."]), page(2, ["Beta text."]), page(3, ["Gamma text."])];
  assert.deepEqual(stripRunningHeaders(pages), [["Alpha text."], ["Beta text."], ["Gamma text."]]);
});

it("stripRunningHeaders · line on fewer than half the pages · kept", () => {
  const pages = [["Intro", "Alpha text."], ["Beta text."], ["Gamma text."], ["Intro", "Delta text."], ["Epsilon."]];
  assert.deepEqual(stripRunningHeaders(pages), pages);
});

it("stripRunningHeaders · repeated line in the middle of long pages · kept (only page edges are furniture)", () => {
  const body = (x: string) => ["a1.", "a2.", "a3.", "Key point repeated here.", "b1.", "b2.", x];
  const pages = [body("end one."), body("end two."), body("end three.")];
  assert.ok(stripRunningHeaders(pages).every((p) => p.includes("Key point repeated here.")));
});

it("splitAtRepeatedLines · header repeated three times in plain text · first use kept, later ones become page breaks", () => {
  const lines = ["Report Title", "", "Text one.", "Report Title", "Text two.", "Report Title", "Text three."];
  assert.deepEqual(splitAtRepeatedLines(lines), [["Report Title", "", "Text one."], ["Text two."], ["Text three."]]);
  assert.deepEqual(splitAtRepeatedLines(["Same", "Same"]), [["Same", "Same"]]);
});

it("stripRunningHeaders · chapter running heads with changing page numbers, each on a few of many pages · dropped", () => {
  const pages = Array.from({ length: 12 }, (_, i) => {
    const head = i < 3 ? `3 IMPLICIT BEHAVIOR ${i + 6}` : i < 5 ? `NATURAL SCIENCES CITATIONS AND REFERENCES ${i + 1}` : `Body page ${i}.`;
    return [head, ...["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta"].map((w) => `${w} text of the page about topic ${"abcdefghijkl"[i]}.`)];
  });
  const kept = stripRunningHeaders(pages).flat();
  assert.ok(!kept.some((l) => /IMPLICIT BEHAVIOR|CITATIONS AND REFERENCES/u.test(l)), kept.join("\n"));
  assert.equal(kept.length, 12 * 7, "every body line kept");
});
