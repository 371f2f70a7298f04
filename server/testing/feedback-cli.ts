import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const run = promisify(execFile);

/** Runs `npm run feedback -- --db DB ...args` (the CLI itself, without npm) and returns its output. */
export function feedbackCli(db: string, ...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, ["--import", "tsx", path.join(ROOT, "server", "feedback", "cli.ts"), "--db", db, ...args], { cwd: ROOT });
}
