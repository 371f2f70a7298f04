import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import path from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";

const ROOT = path.resolve(import.meta.dirname, "..");
const run = promisify(execFile);

/** Logs one line through createLogger in a child process and returns what reached its stdout. */
async function logOnce(terminal: boolean): Promise<string> {
  const script = `import { createLogger } from "./server/logger.ts"; createLogger("info", ${terminal}).info({ n: 1 }, "hello operator");`;
  const { stdout } = await run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: ROOT });
  return stdout;
}

test("createLogger · not a terminal · one JSON line per record", async () => {
  const line = JSON.parse(await logOnce(false)) as Record<string, unknown>;
  assert.equal(line.msg, "hello operator");
  assert.equal(line.level, 30);
});

test("createLogger · a terminal · pino-pretty's readable line, not JSON", async () => {
  const out = await logOnce(true);
  assert.throws(() => JSON.parse(out));
  assert.match(out, /INFO.*hello operator/su);
  assert.match(out, /n: 1/);
});
