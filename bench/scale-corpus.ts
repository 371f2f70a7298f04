import { mkdir, readdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Chunk } from "../core/types.js";
import { seededRandom } from "./synthetic-corpus.js";

/** Real documentation unpacked from Debian packages (python3.11-doc, debian-handbook, r-doc-pdf). */
export const REAL_DOCS = "/tmp/debs/x";
const SOURCES = [
  { name: "python", dir: "python3.11-doc/usr/share/doc/python3.11/html", keep: (f: string) => f.endsWith(".html") && !f.includes("_sources") },
  { name: "handbook", dir: "debian-handbook/usr/share/doc/debian-handbook/html/en-US", keep: (f: string) => f.endsWith(".html") },
  // fullrefman.pdf repeats refman.pdf.
  { name: "r", dir: "r-doc-pdf/usr/share/R/doc/manual", keep: (f: string) => f.endsWith(".pdf") && !f.startsWith("fullrefman") },
];

/** Links the English HTML manuals and the R PDF manuals into `dir` (a docs folder for ingest); the number of files. */
export async function linkRealDocs(dir: string, root = REAL_DOCS): Promise<number> {
  let files = 0;
  for (const source of SOURCES) {
    const from = path.join(root, source.dir);
    for (const rel of (await readdir(from, { recursive: true })).filter(source.keep).sort()) {
      const to = path.join(dir, source.name, rel);
      await mkdir(path.dirname(to), { recursive: true });
      await symlink(path.join(from, rel), to);
      files++;
    }
  }
  return files;
}

/**
 * Writes `copies` varied copies of every document of `chunks` as plain text into `dir`: each document's text
 * (its chunks without their overlaps), with a fifth of the words of four letters or more swapped for another
 * word of the corpus and one in fifty misspelt (two letters swapped, or a letter dropped), so the copies are
 * all distinct and the vocabulary grows as a real corpus's does. Returns the bytes written.
 */
export async function writeVariants(chunks: readonly Chunk[], dir: string, copies: number, seed = 7): Promise<number> {
  const rand = seededRandom(seed);
  const texts = documentTexts(chunks);
  const words = [...new Set([...texts.values()].flatMap((t) => t.match(/\p{L}{4,}/gu) ?? []))];
  const vary = (text: string) =>
    text.replace(/\p{L}{4,}/gu, (w) => {
      const r = rand();
      if (r < 0.2) return words[Math.floor(rand() * words.length)]!;
      if (r < 0.22) return misspell(w, rand);
      return w;
    });
  let bytes = 0;
  let n = 0;
  for (let copy = 0; copy < copies; copy++) {
    const sub = path.join(dir, `copy-${String(copy).padStart(2, "0")}`);
    await mkdir(sub, { recursive: true });
    for (const [source, text] of texts) {
      const body = `${vary(text)}\n`;
      await writeFile(path.join(sub, `${String(n++).padStart(6, "0")}-${path.basename(source).replace(/\.\w+$/u, "")}.txt`), body);
      bytes += Buffer.byteLength(body);
    }
  }
  return bytes;
}

/** Each source's text rebuilt from its chunks, in order, without the overlap each chunk repeats. */
function documentTexts(chunks: readonly Chunk[]): Map<string, string> {
  const parts = new Map<string, string[]>();
  let last: Chunk | undefined;
  for (const c of chunks) {
    const sameRun = last?.source === c.source && last.page === c.page && c.start < last.end;
    const text = sameRun ? c.text.slice(Math.min(c.text.length, last!.end - c.start)) : c.text;
    parts.set(c.source, [...(parts.get(c.source) ?? []), text]);
    last = c;
  }
  return new Map([...parts].map(([source, p]) => [source, p.join("\n\n")]));
}

function misspell(word: string, rand: () => number): string {
  const i = 1 + Math.floor(rand() * (word.length - 2));
  return rand() < 0.5 ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2) : word.slice(0, i) + word.slice(i + 1);
}
