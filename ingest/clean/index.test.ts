import { Document } from "@langchain/core/documents";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { cleanDocument } from "./index.js";

const CORPUS = join(import.meta.dirname, "../../../shared/corpus");
const corpus = (name: string) => cleanDocument([new Document({ pageContent: readFileSync(join(CORPUS, name), "utf8"), metadata: { source: name } })], name);

const page = (n: number, text: string) => new Document({ pageContent: text, metadata: { source: "r.pdf", page: n, title: "Annual Review" } });

describe("cleanDocument", () => {
  it("cleanDocument · PDF pages with running header, page numbers, hyphenation, footnotes · furniture gone, pages mapped", () => {
    const pages = [
      page(
        1,
        "Annual Review 2025 — Page 1\nThe ministers met in Brussels to discuss the\nnego-\ntiations on the ceasefire.3 They agreed on a\nplan worth €100 billion over 48 hours.\n3 Council minutes, 11 September 2024, https://example.org/minutes\n1",
      ),
      page(2, "Annual Review 2025 — Page 2\nThe second page covers the well-known\nproblems of the long-\nterm budget since 2014.\n2"),
      page(3, "Annual Review 2025 — Page 3\nThe third page is short and long-term.\n3"),
    ];
    const doc = cleanDocument(pages, "r.pdf");
    assert.equal(doc.title, "Annual Review");
    assert.equal(
      doc.text,
      "The ministers met in Brussels to discuss the negotiations on the ceasefire. They agreed on a plan worth €100 billion over 48 hours." +
        "\n\n3 Council minutes, 11 September 2024, https://example.org/minutes" +
        "\n\nThe second page covers the well-known problems of the long-term budget since 2014." +
        "\n\nThe third page is short and long-term.",
    );
    assert.deepEqual(
      doc.pages.map((p) => [p.page, doc.text.slice(p.start, p.end).slice(0, 15)]),
      [
        [1, "The ministers m"],
        [2, "The second page"],
        [3, "The third page "],
      ],
    );
  });

  it("cleanDocument · PDF page ending mid-sentence above its footnotes · sentence rejoined, notes after their page's text", () => {
    const pages = [
      page(
        1,
        'The ministers said that any peace deal would have to be guaranteed by European forces, with no US\nparticipation and acting outside Article 5, while the Alliance\'s priorities lie in the\n¹ J. Smith, "Remarks", in *Defence Review*, 12 February 2025, https://example.org/r.\n² Ibid.\n1',
      ),
      page(2, "Indo-Pacific, according to the minister.\nA second paragraph follows, and it runs over the full width of the\npage.\n2"),
    ];
    const doc = cleanDocument(pages, "r.pdf");
    const sentence = "while the Alliance's priorities lie in the Indo-Pacific, according to the minister.";
    assert.ok(doc.text.includes(sentence), doc.text);
    const [p1, p2] = doc.pages.map((p) => doc.text.slice(p.start, p.end));
    assert.ok(p1?.includes(sentence) && p1.endsWith('J. Smith, "Remarks", in Defence Review, 12 February 2025, https://example.org/r.\n\nIbid.'), p1);
    assert.equal(p2, "A second paragraph follows, and it runs over the full width of the page.");
  });

  it("cleanDocument · text from a PDF with footnote blocks at page ends · sentences rejoined, notes moved to the end", () => {
    const header = "Concerns and Hopes";
    const text = [
      header,
      "",
      "by Jane Roe",
      "",
      "The minister said that the readiness to accept the land grabs undermines the norm of integrity (which the claims to Gaza and even",
      "",
      '³ A. Roth, "Trump Refuses to Say", in *The Guardian*, 11 September 2024, https://www.theguardian.com/p/x.',
      "",
      "⁴ Ibid.",
      "",
      header,
      "",
      "Canada have weakened) and may encourage emulation. Putin's demands include Ukraine's territorial mutilation,",
      "",
      '⁵ "What Are Ukraine\'s Minerals?", in *Reuters*, 12 February 2025, https://www.reuters.com/m.',
      "",
      header,
      "",
      "permanent neutrality and demilitarisation.",
      "",
      header,
    ].join("\n");
    const doc = cleanDocument([new Document({ pageContent: text, metadata: { source: "c.txt" } })], "c.txt");
    assert.deepEqual(doc.text.split("\n\n"), [
      header,
      "by Jane Roe",
      "The minister said that the readiness to accept the land grabs undermines the norm of integrity (which the claims to Gaza and even Canada have weakened) and may encourage emulation. Putin's demands include Ukraine's territorial mutilation, permanent neutrality and demilitarisation.",
      'A. Roth, "Trump Refuses to Say", in The Guardian, 11 September 2024, https://www.theguardian.com/p/x.',
      "Ibid.",
      '"What Are Ukraine\'s Minerals?", in Reuters, 12 February 2025, https://www.reuters.com/m.',
    ]);
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
    assert.match(fromPdf, /Critically, he vowed to end the war in Ukraine via negotiations and announced/u, "fragment stranded among footnotes rejoined");
    assert.match(fromPdf, /Greenland, Gaza and even Canada has already weakened\)/u, "sentence cut by a footnote block rejoined");
    assert.match(fromPdf, /territorial mutilation, permanent neutrality, demilitarisation/u);
    assert.match(fromPdf, /any peace deal would have to be guaranteed/u);
    assert.match(fromPdf, /Pete Hegseth at Ukraine Defense Contact Group[^\n]*\n\nAndrew Roth/u, "footnotes kept, at the end");
    assert.ok(fromPdf.indexOf("Ibid.") > fromPdf.indexOf("Editor: Leo Goretti"), "footnotes after the text");
    assert.match(fromPdf, /its 1991 borders .*annexed in 2014\)/u, "real numbers kept");

    const wsws = corpus("000_d0fd3f2d0ffb221c.txt").text;
    assert.match(wsws, /told Politico, insisting/u);
    assert.match(wsws, /€200 billion \(\$209 billion US\)/u);
  });
});
