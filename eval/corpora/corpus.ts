import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { AppError } from "../../core/errors.js";

const REPO = path.resolve(import.meta.dirname, "../..");
const CORPORA_DIR = import.meta.dirname;

/**
 * Where a corpus's documents come from: a folder beside the repo (the sample corpus), or files kept from one
 * pinned Debian package (`root` is the package folder the kept paths are relative to; `include` matches them).
 */
const SourceSchema = z.union([
  z.object({ dir: z.string().min(1) }).strict(),
  z
    .object({
      deb: z.string().regex(/^[a-z0-9][a-z0-9.+-]+$/),
      version: z.string().min(1),
      root: z.string().min(1),
      include: z.string().min(1),
    })
    .strict(),
]);

const CorpusFileSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9-]+$/),
    /** tune: settings may be chosen on it; heldout: reported only; split: each item's own seeded split. */
    role: z.enum(["tune", "heldout", "split"]),
    kind: z.string().min(1),
    source: SourceSchema,
  })
  .strict();

export type CorpusSource = z.infer<typeof SourceSchema>;

export interface Corpus extends z.infer<typeof CorpusFileSchema> {
  /** The documents the eval ingests and validates evidence against. */
  docsDir: string;
  /** The corpus's own index, never the serving INDEX_DIR. */
  indexDir: string;
  gold: string;
  manifest: string;
}

/** Reads eval/corpora/<name>/corpus.json; fetched corpora live under `.data/corpora/<name>/`. */
export async function loadCorpus(name: string, dataDir = path.join(REPO, ".data/corpora")): Promise<Corpus> {
  const folder = path.join(CORPORA_DIR, name);
  const text = await readFile(path.join(folder, "corpus.json"), "utf8").catch(async (cause: unknown) => {
    throw new AppError("NOT_FOUND", `No corpus "${name}" (eval/corpora/${name}/corpus.json); known: ${(await corpusNames()).join(", ")}`, { cause });
  });
  const parsed = CorpusFileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new AppError("BAD_REQUEST", `eval/corpora/${name}/corpus.json: ${z.prettifyError(parsed.error)}`);
  if (parsed.data.name !== name) throw new AppError("BAD_REQUEST", `eval/corpora/${name}/corpus.json names itself "${parsed.data.name}"`);
  const own = path.join(dataDir, name);
  const src = parsed.data.source;
  return {
    ...parsed.data,
    docsDir: "dir" in src ? path.resolve(REPO, src.dir) : path.join(own, "docs"),
    indexDir: path.join(own, "index"),
    gold: path.join(folder, "gold.jsonl"),
    manifest: path.join(folder, "MANIFEST.sha256"),
  };
}

/** Every corpus with a corpus.json, in a fixed order: news first, then by name. */
export async function corpusNames(): Promise<string[]> {
  const entries = await readdir(CORPORA_DIR, { withFileTypes: true });
  const names = await Promise.all(
    entries
      .filter((e) => e.isDirectory())
      .map(async (e) =>
        (await readFile(path.join(CORPORA_DIR, e.name, "corpus.json")).then(
          () => true,
          () => false,
        ))
          ? e.name
          : null,
      ),
  );
  return names.filter((n): n is string => n !== null).sort((a, b) => (a === "news" ? -1 : b === "news" ? 1 : a.localeCompare(b)));
}
