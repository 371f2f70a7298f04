import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { feedbackCli } from "./testing/feedback-cli.js";
import { expectError, postJson } from "./testing/http.js";
import { createStandInEngine } from "./testing/stand-in-engine.js";
import { startTestServer, type TestServer } from "./testing/start.js";

const VOTE = { id: "vote-abc123", question: "How long did they speak?", answer: "Ninety minutes [1].", chunkIds: ["leaders.txt#0"], rating: "down" };

describe("POST /api/feedback", () => {
  let dir: string;
  let srv: TestServer;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "citebot-feedback-api-"));
    srv = await startTestServer(createStandInEngine(), { FEEDBACK_DB: path.join(dir, "feedback.sqlite"), RATE_LIMIT_PER_MINUTE: "4" });
  });
  after(async () => {
    await srv?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test("feedback · a vote, then its comment · 201, one stored entry; `npm run feedback` exports it as jsonl and as a gold candidate", async () => {
    assert.equal((await postJson(`${srv.url}/api/feedback`, VOTE)).status, 201);
    const res = await postJson(`${srv.url}/api/feedback`, { ...VOTE, comment: "  They spoke for two hours.  " });
    assert.equal(res.status, 201);
    assert.deepEqual(await res.json(), { id: VOTE.id });
    const [entry, ...rest] = srv.feedback.list();
    assert.equal(rest.length, 0);
    assert.equal(entry?.comment, "They spoke for two hours.");

    const cli = (...args: string[]) => feedbackCli(path.join(dir, "feedback.sqlite"), ...args);
    const jsonl = await cli("--format", "jsonl", "--since", new Date(Date.now() - 60_000).toISOString());
    assert.deepEqual(
      jsonl.stdout
        .trim()
        .split("\n")
        .map((l) => (JSON.parse(l) as { id: string }).id),
      [VOTE.id],
    );
    assert.equal((await cli("--format", "jsonl", "--since", "2999-01-01")).stdout, "", "--since filters");
    const gold = JSON.parse((await cli("--format", "gold")).stdout) as { question: string; sources: string[]; answerable: unknown };
    assert.deepEqual([gold.question, gold.sources, gold.answerable], [VOTE.question, ["leaders.txt"], null]);
    await assert.rejects(cli("--format", "xml"), (err: { stderr: string }) => /--format must be csv, jsonl, gold/.test(err.stderr));
  });

  test("feedback · bad body · 400 naming each field; not JSON · 415", async () => {
    const message = await expectError(await postJson(`${srv.url}/api/feedback`, { ...VOTE, rating: "meh", chunkIds: "x" }), 400, "BAD_REQUEST");
    assert.match(message, /rating: must be "up" or "down"/);
    assert.match(message, /chunkIds: must be an array/);
    const text = await fetch(`${srv.url}/api/feedback`, { method: "POST", body: "thumbs up" });
    await expectError(text, 415, "UNSUPPORTED_MEDIA_TYPE");
  });

  test("feedback · over RATE_LIMIT_PER_MINUTE · 429 with Retry-After, on its own budget (asking still works)", async () => {
    const limited = await postJson(`${srv.url}/api/feedback`, VOTE); // the earlier tests spent all four
    await expectError(limited, 429, "RATE_LIMITED");
    assert.match(limited.headers.get("retry-after") ?? "", /^\d+$/);
    assert.equal((await postJson(`${srv.url}/api/ask`, { question: "hi" })).status, 200);
  });
});
