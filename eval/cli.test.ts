import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";
import { PASSAGE_A, UNANSWERABLE, goldItem, response } from "./response.fixture.js";
import { assignSplits } from "./split.js";

const run = promisify(execFile);
const CLI = path.join(import.meta.dirname, "cli.ts");

let dir = "";
let server: Server;
let base = "";
let limitedOnce = 0;

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "eval-cli-"));
  await writeFile(path.join(dir, "a.txt"), PASSAGE_A);
  const items = [goldItem({ id: "sf-01" }), UNANSWERABLE];
  const splits = assignSplits(items);
  await writeFile(path.join(dir, "gold.jsonl"), items.map((i) => JSON.stringify({ ...i, split: splits.get(i.id) })).join("\n"));
  await writeFile(path.join(dir, "pass.json"), JSON.stringify({ custom: { min: { factRecall: 1, citationValidity: 1 } } }));
  await writeFile(path.join(dir, "fail.json"), JSON.stringify({ custom: { min: { factRecall: 1, hitAtK: 1, abstentionAccuracy: 1 } } }));
  // Answers the gold question right and answers the unanswerable one too (a false answer).
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const { question } = JSON.parse(body) as { question: unknown };
      assert.equal(typeof question, "string");
      // One question always meets a rate limit, another is limited once and then answered.
      if (question === "Always limited?" || (question === "Limited once?" && !limitedOnce++)) {
        res
          .writeHead(429, { "content-type": "application/json", "retry-after": "0" })
          .end(JSON.stringify({ error: { code: "RATE_LIMITED", message: "slow down" } }));
        return;
      }
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(response()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

const cli = (args: string[], gold = path.join(dir, "gold.jsonl")) =>
  run(process.execPath, ["--import", "tsx", CLI, "--gold", gold, "--base-url", base, ...args], {
    env: { ...process.env, DOCS_DIR: dir },
  }).then(
    (r) => ({ code: 0, ...r }),
    (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
  );

test("eval cli · --gate over HTTP with thresholds met · exit 0, reports written to --out", async () => {
  const out = path.join(dir, "out-pass");
  const r = await cli(["--gate", "--thresholds", path.join(dir, "pass.json"), "--out", out]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Gate custom: all metrics meet their thresholds/);
  assert.match(r.stdout, /^gate: \d+ passed, 0 failed$/m);
  assert.match(r.stdout, /\| fact recall \| 1\.00 \|/);
  const report = JSON.parse(await readFile(path.join(out, "report.json"), "utf8"));
  assert.equal(report.reports[0].runs[0].results.length, 2);
  assert.match(await readFile(path.join(out, "report.html"), "utf8"), /<!doctype html>/);
});

test("eval cli · --gate with a missed threshold · exit 1 naming the metric", async () => {
  const r = await cli(["--gate", "--thresholds", path.join(dir, "fail.json")]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /abstentionAccuracy = 0\.50 is below its threshold 1/);
  assert.doesNotMatch(r.stderr, /factRecall/);
});

test("eval cli · evidence missing from the documents · exit 2 listing the problem, nothing asked", async () => {
  const bad = path.join(dir, "bad.jsonl");
  await writeFile(
    bad,
    JSON.stringify({ ...goldItem({ id: "sf-01", evidence: "not in a.txt" }), split: assignSplits([{ id: "sf-01", type: "single-fact" }]).get("sf-01") }),
  );
  const r = await cli(["--gate"], bad);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /sf-01: evidence not found in a\.txt: "not in a\.txt"/);
});

test("eval cli · a 429 retried to success, and one that never succeeds · the failure is counted and the run exits 1", async () => {
  const items = [goldItem({ id: "sf-01", question: "Limited once?" }), goldItem({ id: "sf-02", question: "Always limited?" })];
  const splits = assignSplits(items);
  const gold = path.join(dir, "limited.jsonl");
  await writeFile(gold, items.map((i) => JSON.stringify({ ...i, split: splits.get(i.id) })).join("\n"));
  const out = path.join(dir, "out-limited");
  const r = await cli(["--out", out], gold);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /\| errors \| 1 \|/);
  const results = JSON.parse(await readFile(path.join(out, "report.json"), "utf8")).reports[0].runs[0].results;
  assert.equal(results.find((q: { id: string }) => q.id === "sf-01").error, undefined, "retried after Retry-After and answered");
  assert.match(results.find((q: { id: string }) => q.id === "sf-02").error, /status 429/);
});
