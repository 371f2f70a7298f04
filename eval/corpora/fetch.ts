import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { AppError, errorMessage } from "../../core/errors.js";
import type { Corpus, CorpusSource } from "./corpus.js";

const run = promisify(execFile);

type DebSource = Extract<CorpusSource, { deb: string }>;

export interface FetchOptions {
  /** Rewrite MANIFEST.sha256 from what was fetched instead of checking against it (when pinning a new version). */
  writeManifest?: boolean;
  onStep?: (step: string) => void;
}

/**
 * Makes sure a corpus's documents are on disk and match its MANIFEST.sha256. A package corpus is rebuilt from its
 * pinned Debian package (`apt-get download` + `dpkg-deb -x`, keeping only the `include`d files) into a temporary
 * folder that replaces `docsDir` only once it checks out, so an interrupted fetch never leaves half a corpus.
 */
export async function ensureCorpus(corpus: Corpus, opts: FetchOptions = {}): Promise<"present" | "fetched"> {
  const src = corpus.source;
  if ("dir" in src) {
    await stat(corpus.docsDir).catch((cause: unknown) => {
      throw new AppError("NOT_FOUND", `Corpus ${corpus.name}: its folder ${corpus.docsDir} is missing`, { cause });
    });
    return "present";
  }
  if (!opts.writeManifest && (await isPresent(corpus))) return "present";
  const work = path.join(path.dirname(corpus.docsDir), "fetch.tmp");
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  try {
    const kept = path.join(work, "docs");
    await extractPackage(src, work, kept, (s) => opts.onStep?.(`${corpus.name}: ${s}`));
    const actual = await manifestOf(kept);
    if (opts.writeManifest) await writeFile(corpus.manifest, actual);
    else assertManifest(corpus, await readFile(corpus.manifest, "utf8"), actual);
    await rm(corpus.docsDir, { recursive: true, force: true });
    await rename(kept, corpus.docsDir);
    return "fetched";
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function isPresent(corpus: Corpus): Promise<boolean> {
  try {
    return manifestDifferences(await readFile(corpus.manifest, "utf8"), await manifestOf(corpus.docsDir)).length === 0;
  } catch {
    return false;
  }
}

async function extractPackage(src: DebSource, work: string, kept: string, step: (s: string) => void): Promise<void> {
  step(`apt-get download ${src.deb}=${src.version}`);
  await download(src, work);
  const deb = (await readdir(work)).find((f) => f.endsWith(".deb"));
  if (!deb) throw new AppError("NOT_FOUND", `apt-get download ${src.deb}=${src.version} left no .deb in ${work}`);
  step(`dpkg-deb -x ${deb}`);
  const unpacked = path.join(work, "unpacked");
  await run("dpkg-deb", ["-x", path.join(work, deb), unpacked]);
  const root = path.join(unpacked, src.root);
  const include = new RegExp(src.include);
  const files = (await listFiles(root)).filter((f) => include.test(f));
  if (!files.length) throw new AppError("NOT_FOUND", `${src.deb}: no file under ${src.root} matches ${src.include}`);
  step(`keeping ${files.length} files`);
  for (const f of files) await cp(path.join(root, f), path.join(kept, f), { dereference: true });
}

/** `apt-get download`, with one `apt-get update` and retry when the package lists are missing or stale. */
async function download(src: DebSource, cwd: string): Promise<void> {
  const args = ["download", `${src.deb}=${src.version}`];
  try {
    await run("apt-get", args, { cwd });
  } catch {
    try {
      await run("apt-get", ["update", "-qq"]);
      await run("apt-get", args, { cwd });
    } catch (err) {
      throw new AppError("NOT_FOUND", `Cannot download ${src.deb}=${src.version} from Debian (${errorMessage(err).trim()})`, { cause: err });
    }
  }
}

/** Paths below `dir`, relative and with forward slashes, sorted. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() || e.isSymbolicLink())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

/** `sha256sum`-compatible lines ("<hex>  <path>"), sorted by path: check by hand with `sha256sum -c`. */
export async function manifestOf(dir: string): Promise<string> {
  const lines: string[] = [];
  for (const f of await listFiles(dir)) {
    lines.push(
      `${createHash("sha256")
        .update(await readFile(path.join(dir, f)))
        .digest("hex")}  ${f}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** Lines of either manifest that the other lacks: a changed, missing or extra file shows up here. */
export function manifestDifferences(expected: string, actual: string): string[] {
  const want = new Set(expected.split("\n").filter(Boolean));
  const got = new Set(actual.split("\n").filter(Boolean));
  return [...want].filter((l) => !got.has(l)).concat([...got].filter((l) => !want.has(l)));
}

function assertManifest(corpus: Corpus, expected: string, actual: string): void {
  const differing = manifestDifferences(expected, actual);
  if (!differing.length) return;
  throw new AppError(
    "INDEX_MISMATCH",
    `Corpus ${corpus.name}: the rebuilt documents differ from MANIFEST.sha256 in ${differing.length} line(s), e.g. ${differing.slice(0, 3).join("; ")}`,
    { details: differing },
  );
}
