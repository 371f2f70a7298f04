import { readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { AppError } from "../core/errors.js";

export interface DocFile {
  /** Path relative to the docs folder, with forward slashes: the chunks' `source`. */
  source: string;
  absPath: string;
  /** Size when scanned; 0 when it could not be read (reading it later reports why). */
  bytes: number;
  /** A symlink that resolves outside the docs folder, not followed: reported as skipped, never read. */
  outside?: true;
}

export interface ScanOptions {
  /** Follow symlinks that resolve outside the docs folder (FOLLOW_EXTERNAL_LINKS). */
  followExternalLinks?: boolean;
}

/**
 * Every file under `docsDir`, recursively, sorted by source so runs are reproducible. Hidden
 * entries (".git", ".DS_Store") are not documents and are passed over. Symlinked folders are followed
 * after the real ones, and a folder reached twice (a link to an ancestor, a link to a folder that is
 * also there) is read once, under its path without links when it has one. A link that resolves outside the docs
 * folder (a link to "..", to a home folder) is listed as `outside` and not followed unless `followExternalLinks`.
 */
export async function scanDocs(docsDir: string, opts: ScanOptions = {}): Promise<DocFile[]> {
  const root = path.resolve(docsDir);
  const info = await stat(root).catch((err: NodeJS.ErrnoException) => {
    throw new AppError("NOT_FOUND", `The documents folder ${root} cannot be read (${err.code ?? err.message})`, { cause: err });
  });
  if (!info.isDirectory()) throw new AppError("NOT_FOUND", `The documents folder ${root} is not a folder`);
  const walker: Walker = { root, realRoot: await realpath(root), follow: opts.followExternalLinks === true, out: [], seen: new Set(), links: [] };
  await walk(walker, root);
  // Links found while following links are appended, so this also reaches folders only links lead to.
  for (let i = 0; i < walker.links.length; i++) await walk(walker, walker.links[i]!);
  return walker.out.sort((a, b) => byCodeUnits(a.source, b.source));
}

interface Walker {
  root: string;
  realRoot: string;
  follow: boolean;
  out: DocFile[];
  seen: Set<string>;
  /** Symlinked folders still to walk. */
  links: string[];
}

/** Lists `dir`'s files and descends into its real subfolders; symlinked subfolders are put in `links` for later. */
async function walk(w: Walker, dir: string): Promise<void> {
  const { root, out, seen, links } = w;
  const real = await realpath(dir);
  if (seen.has(real)) return;
  seen.add(real);
  // Sorted, so which of two paths to one folder is kept does not depend on the file system's order.
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => byCodeUnits(a.name, b.name));
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const absPath = path.join(dir, entry.name);
    const source = path.relative(root, absPath).split(path.sep).join("/");
    // A broken symlink is listed as a file: reading it then reports it as unreadable, by name.
    const info = await stat(absPath).catch(() => undefined);
    if (info && entry.isSymbolicLink() && !w.follow && !(await isInside(w.realRoot, absPath))) {
      out.push({ source, absPath, bytes: 0, outside: true });
    } else if (info?.isDirectory()) {
      if (entry.isSymbolicLink()) links.push(absPath);
      else await walk(w, absPath);
    } else if (!info || info.isFile()) {
      out.push({ source, absPath, bytes: info?.size ?? 0 });
    }
  }
}

async function isInside(realRoot: string, link: string): Promise<boolean> {
  const target = await realpath(link);
  const rel = path.relative(realRoot, target);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/** Locale-independent order, the same on every machine. */
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
