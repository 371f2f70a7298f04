import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { FakeOpenAIServer } from "../core/testing/fake-openai-server.js";
import { FakeEmbedder } from "./embed/fake.js";

const CLI = path.join(import.meta.dirname, "cli.ts");
const ROOT = path.dirname(import.meta.dirname);
const fake = new FakeEmbedder({ dim: 8 });

let server: FakeOpenAIServer;
let root: string;
let docs: string;
let index: string;
before(async () => {
  // Embeddings come from an OpenAI-compatible server on 127.0.0.1, so the CLI runs end to end in milliseconds.
  server = await FakeOpenAIServer.start({ embed: (text) => fake.embedQuery(text) });
  root = await mkdtemp(path.join(tmpdir(), "citebot-cli-"));
  docs = path.join(root, "docs");
  index = path.join(root, "index");
  await mkdir(docs);
  await writeFile(path.join(docs, "peace.md"), "# Peace talks\n\nThe envoys met in Riyadh to discuss a ceasefire in Ukraine.");
  await writeFile(path.join(docs, "summit.txt"), "Summit\n\nEuropean leaders gathered in Paris after the phone call.");
  await writeFile(path.join(docs, "scan.pdf"), "%PDF-1.4 not a real pdf");
});
after(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

async function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = {
    EMBEDDINGS: "openai",
    GENERATOR: "extractive",
    OPENAI_BASE_URL: server.baseURL,
    OPENAI_API_KEY: "test",
    EMBEDDING_MODEL: "fake-embed",
    OPENAI_MAX_RETRIES: "0",
  };
  const child = spawn(process.execPath, ["--import", "tsx", CLI, ...args], { cwd: ROOT, env });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d));
  child.stderr.on("data", (d: Buffer) => (stderr += d));
  const [code] = (await once(child, "exit")) as [number | null];
  return { code, stdout, stderr };
}

test("ingest CLI · folder with a corrupt PDF · exit 0, summary lists indexed files and the skip reason", async () => {
  const run = await cli("--docs", docs, "--index", index);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^Indexed 2 new or changed, 0 unchanged, 0 removed, 1 skipped; \d+ chunks/m);
  assert.match(run.stdout, /skipped scan\.pdf: corrupt pdf/);
  assert.match(run.stderr, /Ingesting 3 file\(s\), 3 to index \(full build: no index yet\)/, "plain progress lines when not a TTY");
});

test("ingest CLI · second run with nothing changed · exit 0 and says the index is up to date", async () => {
  const run = await cli("--docs", docs, "--index", index);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^Index up to date: 0 new or changed, 2 unchanged, 0 removed, 1 skipped/m);
  assert.match(run.stdout, /\(left as it was\)/);
});

test("ingest CLI · nothing can be indexed · exit 1 with the message and no stack trace", async () => {
  const bad = path.join(root, "bad");
  await mkdir(bad);
  await writeFile(path.join(bad, "empty.txt"), "");
  const run = await cli("--docs", bad, "--index", path.join(root, "bad-index"));
  assert.equal(run.code, 1);
  assert.match(run.stderr, /^error: Nothing could be indexed .* 1 file\(s\) skipped \(empty\)$/m);
  assert.doesNotMatch(run.stderr, /\n\s+at /, "no stack trace");
});

test("ingest CLI · unknown flag · exit 2 with usage", async () => {
  const run = await cli("--docz", docs);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /Unknown option '--docz'[\s\S]*Usage: npm run ingest/);
});
