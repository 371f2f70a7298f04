import { Document } from "@langchain/core/documents";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Chunk } from "../core/types.js";
import { chunkDocument } from "./chunk.js";
import { cleanDocument } from "./clean/index.js";
import { loadFile } from "./load/index.js";
import { markOutlineHeadings } from "./load/pdf-outline.js";
import { makeDocx } from "./testing/docx-fixture.js";

const bytes = (text: string) => new TextEncoder().encode(text);
const chunksOf = async (content: string | Uint8Array, name: string, chunkSize = 1000) => {
  const data = typeof content === "string" ? bytes(content) : content;
  return chunkDocument(cleanDocument(await loadFile(data, name), name), { chunkSize, chunkOverlap: Math.floor(chunkSize / 5) });
};
const chunkWith = (chunks: Chunk[], text: string) => chunks.find((c) => c.text.includes(text));

const CODE = ["def tune(settings):", "    for name, value in settings.items():", "        apply(name, value)", "", "    return len(settings)"];

const HTML = `<html><head><title>Config | Site</title><link rel="canonical" href="https://docs.example.org/config.html"></head><body>
<h1>Server Configuration<a class="headerlink" href="#c">¶</a></h1>
<h2>Resource Consumption</h2>
<dl><dt>work_mem (integer)</dt><dd><p>Sets the base maximum amount of memory to be used by a query operation before writing to temporary disk files.</p></dd>
<dt>shared_buffers (integer)</dt><dd><p>Sets the amount of memory the database server uses for shared memory buffers.</p></dd></dl>
<h2>Tuning Scripts</h2><p>The helper below applies every setting in turn.</p>
<pre>\n${CODE.join("\n")}\n</pre>
<table><tr><th>Name</th><th>Default</th><th>Unit</th></tr><tr><td><p>work_mem</p></td><td>4MB</td><td>kB</td></tr></table>
</body></html>`;

describe("structure is kept from loading to chunks", () => {
  it("HTML headings and definition terms · every chunk carries its section path; no chunk crosses a section", async () => {
    const chunks = await chunksOf(HTML, "config.html");
    assert.equal(chunkWith(chunks, "before writing to temporary disk files")?.section, "Server Configuration › Resource Consumption › work_mem (integer)");
    assert.equal(chunkWith(chunks, "shared memory buffers")?.section, "Server Configuration › Resource Consumption › shared_buffers (integer)");
    assert.equal(chunkWith(chunks, "applies every setting")?.section, "Server Configuration › Tuning Scripts");
    assert.ok(!chunks.some((c) => c.text.includes("temporary disk files") && c.text.includes("shared memory buffers")), "sections that fit stay apart");
    assert.ok(
      chunks.every((c) => c.section),
      "every chunk has a section",
    );
    assert.ok(
      chunks.every((c) => c.url === "https://docs.example.org/config.html"),
      "the canonical link is every chunk's url",
    );
  });

  it("HTML pre and table · the code block keeps its lines and indentation in one chunk, a row its cells", async () => {
    const chunks = await chunksOf(HTML, "config.html", 300);
    assert.ok(chunkWith(chunks, CODE.join("\n")), "code block whole, lines and indentation kept");
    assert.ok(chunkWith(chunks, "work_mem | 4MB | kB"), "table row whole, cells apart");
  });

  it("Markdown headings, fences and tables · section paths, code whole, rows whole; front matter url and metadata", async () => {
    const md = [
      "---",
      "title: Tuning guide",
      "url: https://example.org/tuning",
      "tags: [db, memory]",
      "---",
      "Server Configuration",
      "====================",
      "",
      "## Resource Consumption",
      "",
      "Memory settings are described here in some detail for operators.",
      "",
      "```python",
      ...CODE,
      "```",
      "",
      "### Defaults",
      "",
      "| Name | Default | Unit |",
      "|------|---------|------|",
      "| work_mem | 4MB | kB |",
    ].join("\n");
    const chunks = await chunksOf(md, "tuning.md", 200);
    assert.equal(chunkWith(chunks, "Memory settings")?.section, "Server Configuration › Resource Consumption");
    assert.ok(chunkWith(chunks, CODE.join("\n")), "fenced code whole");
    assert.equal(chunkWith(chunks, "work_mem | 4MB | kB")?.section, "Server Configuration › Resource Consumption › Defaults");
    assert.equal(chunks[0]?.title, "Tuning guide");
    assert.equal(chunks[0]?.url, "https://example.org/tuning");
    assert.deepEqual(chunks[0]?.metadata, { tags: ["db", "memory"] });
  });

  it("AsciiDoc headings in .adoc and .txt · section paths; .adoc listing blocks are code", async () => {
    const adoc = [
      "= Admin Guide",
      ":toc:",
      "",
      "== Backups",
      "",
      "Run the backup every night before the batch jobs start.",
      "",
      "[source,sh]",
      "----",
      "pg_dump -Fc db > db.dump",
      "  gzip db.dump",
      "----",
      "",
      "=== Restore",
      "",
      "Restore from the latest dump with pg_restore.",
    ].join("\n");
    const fromAdoc = await chunksOf(adoc, "admin.adoc", 120);
    assert.equal(chunkWith(fromAdoc, "every night")?.section, "Admin Guide › Backups");
    assert.ok(chunkWith(fromAdoc, "pg_dump -Fc db > db.dump\n  gzip db.dump"), "listing block whole, indentation kept");
    assert.equal(chunkWith(fromAdoc, "latest dump")?.section, "Admin Guide › Backups › Restore");
    assert.ok(!fromAdoc.some((c) => c.text.includes(":toc:") || c.text.includes("----")));
    const fromTxt = await chunksOf("= Admin Guide\n\n== Backups\n\nRun the backup every night.\n\n== Restore\n\nRestore from the latest dump.\n", "admin.txt");
    assert.equal(chunkWith(fromTxt, "latest dump")?.section, "Admin Guide › Restore");
  });

  it("a .docx with Word heading styles · headings become the section path", async () => {
    const docx = makeDocx([
      { text: "Install Guide", heading: 1 },
      { text: "Requirements", heading: 2 },
      { text: "The server needs int4 columns and utf8 encoding." },
    ]);
    const chunks = await chunksOf(docx, "install.docx");
    assert.equal(chunkWith(chunks, "int4 columns and utf8")?.section, "Install Guide › Requirements");
    assert.equal(chunks[0]?.title, "Install Guide");
  });

  it("PDF outline · the lines that start its sections become headings; contents lines and running heads do not", () => {
    const pages = [
      "Contents\n1 Introduction . . . . 1\n1.1 Scope . . . . 2",
      "1 Introduction\nThis manual covers the basics.\n1.1 Scope\nOnly the server is covered.\nChapter 1: Introduction 2",
    ];
    const outline = [{ title: "1 Introduction", items: [{ title: "Scope" }] }];
    const marked = markOutlineHeadings(pages, outline);
    const docs = marked.map((text, i) => new Document({ pageContent: text, metadata: { page: i + 1 } }));
    const chunks = chunkDocument(cleanDocument(docs, "m.pdf"), { chunkSize: 1000, chunkOverlap: 200 });
    assert.equal(chunkWith(chunks, "Only the server")?.section, "1 Introduction › 1.1 Scope");
    assert.equal(chunkWith(chunks, "covers the basics")?.section, "1 Introduction");
    assert.equal(chunkWith(chunks, "Contents")?.section, undefined);
  });

  it("a code block longer than a chunk · cut only between its lines", async () => {
    const lines = Array.from({ length: 40 }, (_, i) => `    total_${i} = compute(values[${i}], weight=${i})`);
    const chunks = await chunksOf(`<h1>Script</h1><pre>${lines.join("\n")}</pre>`, "s.html", 300);
    for (const c of chunks)
      for (const line of c.text.split("\n").filter((l) => l.trim() && l !== "Script"))
        assert.ok(
          lines.some((l) => l.trim() === line.trim()),
          `whole line: ${line}`,
        );
  });
});
