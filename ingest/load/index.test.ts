import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AppError } from "../../core/errors.js";
import { isSupported, loadFile, SUPPORTED_EXTENSIONS } from "./index.js";
import { headingLine, unmark } from "../text/structure-marks.js";
import { encryptPdf, makePdf } from "./pdf-fixture.js";

const bytes = (text: string) => new TextEncoder().encode(text);

async function rejection(promise: Promise<unknown>): Promise<{ code: string; reason: unknown }> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof AppError, `expected AppError, got ${String(err)}`);
    return { code: err.code, reason: (err.details as { reason?: unknown } | undefined)?.reason };
  }
  assert.fail("expected loadFile to reject");
}

describe("loadFile", () => {
  it("loadFile · extension table · lists the supported extensions, case-insensitively", () => {
    assert.deepEqual([...SUPPORTED_EXTENSIONS].sort(), [".adoc", ".asciidoc", ".docx", ".htm", ".html", ".markdown", ".md", ".pdf", ".txt"]);
    assert.equal(isSupported("notes/Report.PDF"), true);
    assert.equal(isSupported("slides.pptx"), false);
    assert.equal(isSupported("README"), false);
  });

  it("loadFile · .txt · one Document with the text and its source", async () => {
    const docs = await loadFile(bytes("Hello world.\nSecond line."), "dir/a.txt");
    assert.equal(docs.length, 1);
    assert.equal(docs[0]?.pageContent, "Hello world.\nSecond line.");
    assert.deepEqual(docs[0]?.metadata, { source: "dir/a.txt" });
  });

  it("loadFile · .txt in Windows-1252 or UTF-16 · decoded without replacement characters", async () => {
    const docs = await loadFile(new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x35]), "legacy.txt");
    assert.equal(docs[0]?.pageContent, "café €5");
    const utf16 = await loadFile(new Uint8Array([0xff, 0xfe, 0x68, 0x00, 0xe9, 0x00]), "wide.txt");
    assert.equal(utf16[0]?.pageContent, "hé");
  });

  it("loadFile · .md link whose URL holds parentheses · link text kept, no stray parenthesis", async () => {
    const [doc] = await loadFile(bytes("See [Mercury](https://en.wikipedia.org/wiki/Mercury_(planet)) and ![the map](maps/a_(b).png) today."), "p.md");
    assert.equal(doc?.pageContent, "See Mercury and the map today.");
  });

  it("loadFile · random bytes without a NUL, named .txt · rejected as binary", async () => {
    const noise = new Uint8Array(2000).map((_, i) => 1 + (((i * 2654435761) >>> 13) % 255));
    assert.deepEqual(await rejection(loadFile(noise, "noise.txt")), { code: "UNSUPPORTED_FILE", reason: "binary" });
    assert.equal((await loadFile(bytes("Tabs\tand\fform feeds are text.\n"), "ok.txt"))[0]?.pageContent, "Tabs\tand\fform feeds are text.\n");
  });

  it("loadFile · .md · markup syntax removed, text and link words kept", async () => {
    const md = [
      "---",
      "title: Front Title",
      "---",
      "# The *Big* Heading",
      "",
      "Some **bold** and _italic_ text with a [link](https://example.com/x) and `code`.",
      "",
      "- first item",
      "- second item",
      "",
      "```ts",
      "const x = 1;",
      "```",
      "> quoted ![alt text](img.png)",
    ].join("\n");
    const [doc] = await loadFile(bytes(md), "n.md");
    const marked = doc?.pageContent ?? "";
    assert.match(marked, new RegExp(`^${headingLine(1, "The Big Heading")}$`, "mu"), "the heading is marked as level 1");
    const text = unmark(marked);
    assert.equal(doc?.metadata["title"], "Front Title");
    assert.match(text, /^The Big Heading$/mu);
    assert.match(text, /Some bold and italic text with a link and code\./u);
    assert.match(text, /^first item$/mu);
    assert.match(text, /^const x = 1;$/mu);
    assert.match(text, /quoted alt text/u);
    assert.doesNotMatch(text, /[#*_`[\]()>]|https|```/u);
  });

  it("loadFile · .html · visible text only, blocks on their own lines, entities decoded", async () => {
    const html = `<!doctype html><html><head><title>Site | Page</title><style>p { color: red }</style></head>
      <body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
      <script>var tracking = "do not index";</script>
      <article><h1>Fish &amp; Chips</h1><p>It costs &euro;5&nbsp;per
         portion.<sup>2</sup></p><ul><li>One</li><li>Two</li></ul></article>
      <footer>Copyright footer</footer></body></html>`;
    const [doc] = await loadFile(bytes(html), "page.html");
    const lines = unmark(doc?.pageContent ?? "")
      .split("\n")
      .filter(Boolean);
    assert.deepEqual(lines, ["Fish & Chips", "It costs €5 per portion.²", "One", "Two"]);
    assert.equal(doc?.metadata["title"], "Fish & Chips");
    const noH1 = await loadFile(bytes("<title>Talks resume in Geneva | Example News</title><p>Body.</p>"), "b.htm");
    assert.equal(noH1[0]?.metadata["title"], "Talks resume in Geneva");
  });

  it("loadFile · multi-page .pdf · one Document per page with page number and metadata title", async () => {
    const pdf = await makePdf([["Alpha page text."], ["Beta page text."], ["Gamma page text."]], { title: "Three Pages" });
    const input = Buffer.from(pdf);
    const docs = await loadFile(input, "three.pdf");
    assert.equal(input.byteLength, pdf.byteLength, "the caller's buffer is not detached");
    assert.deepEqual(
      docs.map((d) => [d.pageContent.trim(), d.metadata["page"], d.metadata["title"]]),
      [
        ["Alpha page text.", 1, "Three Pages"],
        ["Beta page text.", 2, "Three Pages"],
        ["Gamma page text.", 3, "Three Pages"],
      ],
    );
  });

  it("loadFile · bad files · rejected with the reason the ingest summary prints", async () => {
    const pdf = await makePdf([["Secret text."]]);
    const cases: [Uint8Array, string, string][] = [
      [new Uint8Array(), "empty.txt", "empty"],
      [bytes("  \n\t\n "), "blank.md", "empty"],
      [bytes("<html><script>x()</script></html>"), "scripts-only.html", "empty"],
      [bytes("%PDF-1.7\nthis is not really a pdf"), "corrupt.pdf", "corrupt pdf"],
      [pdf.slice(0, 200), "truncated.pdf", "corrupt pdf"],
      [encryptPdf(pdf), "locked.pdf", "encrypted pdf"],
      [bytes("a,b\n1,2"), "table.csv", "unsupported type"],
      [new Uint8Array([0x41, 0x00, 0x42]), "binary.txt", "binary"],
    ];
    for (const [data, name, reason] of cases) {
      assert.deepEqual(await rejection(loadFile(data, name)), { code: "UNSUPPORTED_FILE", reason }, name);
    }
  });
});
