import assert from "node:assert/strict";
import { it } from "node:test";
import { extractTitleDate, parseDate } from "./title-date.js";

it("parseDate · common written forms · ISO date", () => {
  assert.equal(parseDate("14 February 2025"), "2025-02-14");
  assert.equal(parseDate("Friday, 14th Feb. 2025"), "2025-02-14");
  assert.equal(parseDate("February 14, 2025"), "2025-02-14");
  assert.equal(parseDate("Sept 3 2024"), "2024-09-03");
  assert.equal(parseDate("2025-02-13"), "2025-02-13");
  assert.equal(parseDate("31 February 2025"), null);
  assert.equal(parseDate("in 2025"), null);
});

it("extractTitleDate · date label glued before the title · split off, title and date found", () => {
  const found = extractTitleDate([" date 2025-02-13 Trump’s Phone Call Leaves Europe Reeling".trim(), "Body."], {});
  assert.deepEqual(found, {
    title: "Trump’s Phone Call Leaves Europe Reeling",
    date: "2025-02-13",
    firstParagraph: "Trump’s Phone Call Leaves Europe Reeling",
  });
});

it("extractTitleDate · publication statement or dateline · date found, prose dates ignored", () => {
  const statement = ["A Title", "Danny Byrne", "(This article was first published on 17 December 2025)", "Body."];
  assert.equal(extractTitleDate(statement, {}).date, "2025-12-17");
  const dateline = ["A Title", "Peter Schwarz", "14 February 2025", "On 12 February 2025 he called."];
  assert.equal(extractTitleDate(dateline, {}).date, "2025-02-14");
  const prose = ["A Title", "The report published on 3 March 2024 found that prices rose sharply across the region, it said."];
  assert.equal(extractTitleDate(prose, {}).date, null);
  assert.equal(extractTitleDate(["A Title"], { date: "D:2024-05-06" }).date, "2024-05-06");
});

it("extractTitleDate · title · metadata first, else first paragraph that is not a date or byline", () => {
  assert.equal(extractTitleDate(["Body line."], { title: "Meta Title" }).title, "Meta Title");
  assert.equal(extractTitleDate(["14 February 2025", "by Jane Roe", "Real Title"], { title: "Untitled" }).title, "Real Title");
  assert.equal(extractTitleDate(["Body"], { title: "Microsoft Word - draft.docx" }).title, "Body");
  const long = "word ".repeat(60).trim();
  assert.ok(extractTitleDate([long], {}).title.length <= 161);
});
