import { Document } from "@langchain/core/documents";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { cleanDocument } from "./index.js";

const CORPUS = join(import.meta.dirname, "../../../shared/corpus");
const corpus = (name: string) =>
  cleanDocument([new Document({ pageContent: readFileSync(join(CORPUS, name), "utf8"), metadata: { source: name } })], name);

const page = (n: number, text: string) =>
  new Document({ pageContent: text, metadata: { source: "r.pdf", page: n, title: "Annual Review" } });

describe("cleanDocument", () => {
  it("cleanDocument · PDF pages with running header, page numbers, hyphenation, footnotes · furniture gone, pages mapped", () => {
    const pages = [
      page(1, "Annual Review 2025 — Page 1\nThe ministers met in Brussels to discuss the\nnego-\ntiations on the ceasefire.3 They agreed on a\nplan worth €100 billion over 48 hours.\n1"),
      page(2, "Annual Review 2025 — Page 2\nThe second page covers the well-known\nproblems of the long-\nterm budget since 2014.\n2"),
      page(3, "Annual Review 2025 — Page 3\nThe third page is short and long-term.\n3"),
    ];
    const doc = cleanDocument(pages, "r.pdf");
    assert.equal(doc.title, "Annual Review");
    assert.equal(
      doc.text,
      "The ministers met in Brussels to discuss the negotiations on the ceasefire. They agreed on a plan worth €100 billion over 48 hours." +
        "\n\nThe second page covers the well-known problems of the long-term budget since 2014." +
        "\n\nThe third page is short and long-term.",
    );
    assert.deepEqual(
      doc.pages.map((p) => [p.page, doc.text.slice(p.start, p.end).slice(0, 15)]),
      [[1, "The ministers m"], [2, "The second page"], [3, "The third page "]],
    );
  });

  it("cleanDocument · non-PDF formats · no page spans; file name stands in for a missing title", () => {
    const doc = cleanDocument([new Document({ pageContent: "\n\n14 February 2025\n", metadata: { source: "notes/x.txt" } })], "notes/x.txt");
    assert.deepEqual(doc.pages, []);
    assert.equal(doc.title, "x");
    assert.equal(doc.date, "2025-02-14");
  });

  it("cleanDocument · sample corpus · titles and dates as the articles state them", () => {
    const expected: [string, string, string | null][] = [
      ["000_d0fd3f2d0ffb221c.txt", "Trump's call with Putin plunges European powers into crisis", "2025-02-14"],
      ["001_1248b569c60c7416.txt", "Trump's Call with Putin Raises Great Concerns, Few Hopes", "2025-02-14"],
      ["002_db37848fd773e428.txt", "Trump, Putin and Ukraine: The great betrayal?", null],
      ["003_1e6f86123f870b0f.txt", "Trump’s Phone Call With Putin Leaves Europe Reeling", "2025-02-13"],
      ["004_26611eb6fa41d098.txt", "Trump’s push for “peace” in Ukraine – A nightmare for European capitalism", "2025-12-17"],
    ];
    for (const [name, title, date] of expected) {
      const doc = corpus(name);
      assert.deepEqual([doc.title, doc.date], [title, date], name);
      assert.ok(doc.text.startsWith(title), `${name} starts with its title`);
      // Paragraphs are single lines separated by one blank line: the sentence splitter relies on it.
      assert.doesNotMatch(doc.text, /[^\n]\n[^\n]|\n{3}/u, name);
    }
  });

  it("cleanDocument · sample corpus artefacts · boilerplate, repeated header, footnote markers and markup gone", () => {
    const web = corpus("002_db37848fd773e428.txt").text;
    assert.doesNotMatch(web, /skip to main content/iu);
    assert.equal(web.split("Donald Trump held phone calls with both Vladimir Putin and Volodymyr Zelensky on Wednesday this week").length, 2);

    const fromPdf = corpus("001_1248b569c60c7416.txt").text;
    const header = "Trump's Call with Putin Raises Great Concerns, Few Hopes";
    assert.equal(fromPdf.split(`\n\n${header}\n\n`).length, 1, "running header dropped between pages");
    assert.match(fromPdf, /European security\. Hegseth acknowledged/u);
    assert.match(fromPdf, /the conflict with Ukraine/u);
    assert.match(fromPdf, /Ukraine and that the Europeans/u);
    assert.doesNotMatch(fromPdf, /[¹²³⁴⁵⁶⁷⁸⁹⁰]|<u>/u);
    assert.match(fromPdf, /Critically, he vowed to end the war/u, "paragraph cut by a page break rejoined");
    assert.match(fromPdf, /its 1991 borders .*annexed in 2014\)/u, "real numbers kept");

    const wsws = corpus("000_d0fd3f2d0ffb221c.txt").text;
    assert.match(wsws, /told Politico, insisting/u);
    assert.match(wsws, /€200 billion \(\$209 billion US\)/u);
  });
});
