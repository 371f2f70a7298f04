/**
 * `npm run bench [-- NAME...]`: runs every bench/*.bench.ts (or those whose name contains one of
 * the NAMEs), one after another, each in its own `node --import tsx` process so that no bench
 * inherits another's heap, JIT state or RSS. Each bench writes bench/results/<name>.json and prints
 * its own summary; this prints one line per bench and exits non-zero if any failed.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readdir } from "node:fs/promises";
import { loadavg } from "node:os";
import path from "node:path";

const BENCH_DIR = import.meta.dirname;
const ROOT = path.dirname(BENCH_DIR);

async function main(filters: string[]): Promise<number> {
  const all = (await readdir(BENCH_DIR)).filter((f) => f.endsWith(".bench.ts")).sort();
  const chosen = filters.length ? all.filter((f) => filters.some((n) => f.includes(n))) : all;
  if (chosen.length === 0) {
    process.stderr.write(`No bench matches ${filters.join(", ")}; available: ${all.join(", ")}\n`);
    return 2;
  }
  const outcomes: string[] = [];
  let failed = 0;
  for (const file of chosen) {
    const name = file.replace(/\.bench\.ts$/, "");
    process.stdout.write(`\n=== ${name} (load average ${loadavg()[0]!.toFixed(1)}) ===\n`);
    const started = performance.now();
    const child = spawn(process.execPath, ["--import", "tsx", path.join(BENCH_DIR, file)], { cwd: ROOT, stdio: "inherit" });
    const [code, signal] = (await once(child, "exit")) as [number | null, NodeJS.Signals | null];
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const ok = code === 0;
    if (!ok) failed++;
    outcomes.push(`${ok ? "ok  " : "FAIL"} ${name} in ${seconds} s → bench/results/${name}.json${ok ? "" : ` (exit ${code ?? signal})`}`);
  }
  process.stdout.write(`\n${outcomes.join("\n")}\n`);
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
