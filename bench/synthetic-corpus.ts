import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { splitSentences, tokenize } from "../ingest/index.js";

export interface SyntheticCorpus {
  files: number;
  bytes: number;
}

/**
 * Writes a plain-text corpus of about `bytes` bytes into `dir`: articles of 10-40 KB, each a title,
 * a date line and paragraphs of sentences drawn from the sample corpus with about a quarter of their
 * words swapped for other corpus words. It reads like the real articles (same vocabulary, sentence
 * lengths and punctuation) without repeating them verbatim, so chunks and vectors are all distinct.
 */
export async function generateCorpus(opts: { sourceDir: string; dir: string; bytes: number; seed?: number }): Promise<SyntheticCorpus> {
  const sentences = await sampleSentences(opts.sourceDir);
  const words = [...new Set(sentences.flatMap((s) => tokenize(s)))].filter((w) => w.length > 3);
  const rand = seededRandom(opts.seed ?? 42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const vary = (s: string) => s.replace(/\p{L}{4,}/gu, (w) => (rand() < 0.25 ? matchCase(pick(words), w) : w));
  await mkdir(opts.dir, { recursive: true });
  let bytes = 0;
  let files = 0;
  while (bytes < opts.bytes) {
    const target = 10_000 + rand() * 30_000;
    const parts = [vary(pick(sentences)).replace(/[.!?]+$/u, ""), `${1 + Math.floor(rand() * 28)} March 2025`];
    let size = 0;
    while (size < target) {
      const para = Array.from({ length: 3 + Math.floor(rand() * 4) }, () => vary(pick(sentences))).join(" ");
      parts.push(para);
      size += para.length;
    }
    const text = `${parts.join("\n\n")}\n`;
    const subdir = `part-${String(Math.floor(files / 100)).padStart(3, "0")}`;
    await mkdir(path.join(opts.dir, subdir), { recursive: true });
    await writeFile(path.join(opts.dir, subdir, `article-${String(files).padStart(5, "0")}.txt`), text);
    bytes += Buffer.byteLength(text);
    files++;
  }
  return { files, bytes };
}

/** The sentences of the sample corpus with at least five words. */
export async function sampleSentences(sourceDir: string): Promise<string[]> {
  const names = (await readdir(sourceDir)).filter((n) => /\.(txt|md)$/u.test(n)).sort();
  const texts = await Promise.all(names.map((n) => readFile(path.join(sourceDir, n), "utf8")));
  return texts.flatMap((t) => splitSentences(t).map((s) => s.text)).filter((s) => s.split(/\s+/u).length >= 5);
}

function matchCase(word: string, like: string): string {
  return like[0] === like[0]!.toUpperCase() ? word[0]!.toUpperCase() + word.slice(1) : word;
}

/** mulberry32: small, fast and reproducible across runs. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}
