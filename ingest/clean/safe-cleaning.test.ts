import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadFile } from "../load/index.js";
import { generateIdentifiers } from "../testing/identifiers.js";
import { cleanDocument } from "./index.js";

const clean = async (text: string, name = "doc.txt") => cleanDocument(await loadFile(new TextEncoder().encode(text), name), name).text;

describe("cleaning never changes a token", () => {
  const identifiers = generateIdentifiers(440);

  it("generated identifiers in prose, plain text and Markdown · every one comes out unchanged", async () => {
    const prose = identifiers.map((id, i) => `Option ${i} sets ${id} when the server starts.`).join("\n");
    for (const name of ["doc.txt", "doc.md"]) {
      const text = await clean(`Settings\n\n${prose}\n`, name);
      const lost = identifiers.filter((id) => !text.includes(id));
      assert.deepEqual(lost, [], `${name}: ${lost.length} of ${identifiers.length} changed`);
    }
  });

  it("identifiers in a document that has footnotes · unchanged; only the marked notes' numbers go", async () => {
    const prose = identifiers
      .slice(0, 60)
      .map((id) => `The value of ${id} is read at start.`)
      .join(" ");
    const text = await clean(
      `Report\n\n${prose} Leaders met in crisis.3 Then int4 and utf8 were set.\n\n3 Andrew Roth, "Talks end", in *The Guardian*, 11 September 2024, https://example.org/a\n`,
    );
    assert.deepEqual(
      identifiers.slice(0, 60).filter((id) => !text.includes(id)),
      [],
    );
    assert.match(text, /Leaders met in crisis\. Then int4 and utf8 were set\./u);
  });

  it("digits glued to a word without a matching footnote · kept (int4, float8, utf8, expl3)", async () => {
    const text = await clean("Types\n\nThe column is int4 or float8, the encoding utf8, and the package expl3.\n");
    assert.match(text, /int4 or float8, the encoding utf8, and the package expl3\./u);
  });

  it("a superscript number without a footnote · kept", async () => {
    assert.match(await clean("Physics\n\nThe energy is E = mc² for a body at rest.\n"), /mc²/u);
  });
});
