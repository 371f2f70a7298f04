import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";

/**
 * Replaces a whole folder at once. The new content is written into a temp sibling, flushed, then
 * swapped in with two renames (a non-empty folder cannot be renamed over another), so a reader sees
 * the old folder or the new one, never a mix, and a crash at any point leaves the old one usable.
 * Siblings are named `.<name>.tmp-<pid>-<rand>` (being written) and `.<name>.old-<pid>-<rand>` (being
 * replaced); the pid tells a crashed writer's leftovers from a live writer's.
 */
export async function writeDirAtomic(dir: string, write: (tmpDir: string) => Promise<void>): Promise<void> {
  const target = path.resolve(dir);
  await mkdir(path.dirname(target), { recursive: true });
  await recoverDir(target);
  const tmp = sibling(target, "tmp");
  await mkdir(tmp);
  try {
    await write(tmp);
    await fsyncTree(tmp);
    await swapIn(tmp, target);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Repairs what a crashed writer left: restores the previous folder when the crash fell between the
 * two renames, and deletes stale temp and backup folders. Leaves live writers' folders alone.
 */
export async function recoverDir(dir: string): Promise<void> {
  const target = path.resolve(dir);
  const leftovers = await crashedLeftovers(target);
  if (!(await exists(target))) {
    const backup = leftovers.find((l) => l.kind === "old");
    if (backup) {
      await rename(backup.path, target);
      leftovers.splice(leftovers.indexOf(backup), 1);
    }
  }
  for (const l of leftovers) await rm(l.path, { recursive: true, force: true });
}

async function swapIn(tmp: string, target: string): Promise<void> {
  if (!(await exists(target))) return rename(tmp, target);
  const backup = sibling(target, "old");
  await rename(target, backup);
  try {
    await rename(tmp, target);
  } catch (err) {
    await rename(backup, target);
    throw err;
  }
  await rm(backup, { recursive: true, force: true });
}

function sibling(target: string, kind: "tmp" | "old"): string {
  const name = `.${path.basename(target)}.${kind}-${process.pid}-${randomBytes(4).toString("hex")}`;
  return path.join(path.dirname(target), name);
}

async function crashedLeftovers(target: string): Promise<{ kind: "tmp" | "old"; path: string }[]> {
  const prefix = `.${path.basename(target)}.`;
  const pattern = /^(tmp|old)-(\d+)-[0-9a-f]+$/;
  const found: { kind: "tmp" | "old"; path: string }[] = [];
  const names = await readdir(path.dirname(target)).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return []; // no parent folder: nothing was ever written here
    throw err;
  });
  for (const name of names) {
    const m = name.startsWith(prefix) ? pattern.exec(name.slice(prefix.length)) : null;
    if (m && !isAlive(Number(m[2]))) {
      found.push({ kind: m[1] as "tmp" | "old", path: path.join(path.dirname(target), name) });
    }
  }
  return found;
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Flushes every file, then the folder itself, so the rename never lands before the data. */
async function fsyncTree(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) await fsyncTree(p);
    else if (entry.isFile()) await fsyncPath(p, "r+");
  }
  await fsyncPath(dir, "r");
}

async function fsyncPath(p: string, flags: string): Promise<void> {
  const handle = await open(p, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    (err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT") return false;
      throw err;
    },
  );
}
