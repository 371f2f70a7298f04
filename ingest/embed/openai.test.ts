import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { isAppError } from "../../core/errors.js";
import { FakeOpenAIServer } from "../../core/testing/fake-openai-server.js";
import { runEmbedderContract } from "./embedder.contract.js";
import { FakeEmbedder } from "./fake.js";
import { createOpenAIEmbedder, OpenAIEmbedder, type OpenAIEmbedderOptions } from "./openai.js";

const DIM = 32;
const reference = new FakeEmbedder({ dim: DIM });
let dim = DIM;
/** The server's vectors: the reference embedding scaled by 3 (servers need not normalize), `dim` long. */
const embed = async (text: string) => (await reference.embedQuery(text)).map((x) => x * 3).slice(0, dim);

const servers: FakeOpenAIServer[] = [];
async function server(options: { floatsOnly?: boolean } = {}): Promise<FakeOpenAIServer> {
  const fake = await FakeOpenAIServer.start({ embed, ...options });
  servers.push(fake);
  return fake;
}
after(() => Promise.all(servers.map((s) => s.close())));

const options = (fake: FakeOpenAIServer, extra: Partial<OpenAIEmbedderOptions> = {}): OpenAIEmbedderOptions => ({
  model: "fake-embed",
  baseURL: fake.baseURL,
  timeoutMs: 5_000,
  maxRetries: 0,
  ...extra,
});

const lazily = (floatsOnly: boolean) => {
  let fake: Promise<FakeOpenAIServer> | undefined;
  return async () => createOpenAIEmbedder(options(await (fake ??= server({ floatsOnly }))));
};
runEmbedderContract("OpenAIEmbedder (fake server, base64)", lazily(false));
runEmbedderContract("OpenAIEmbedder (fake server that only sends floats)", lazily(true));

const inputsOf = (fake: FakeOpenAIServer) => fake.requestsTo("embeddings").map((r) => r.body.input);
const close = (a: number[], b: number[]) => a.every((x, i) => Math.abs(x - b[i]!) < 1e-6);

describe("OpenAIEmbedder against a fake OpenAI-compatible server", () => {
  test("OpenAIEmbedder · create · probes once for the dimension, id names the model, no key sends a placeholder", async () => {
    const fake = await server();
    const e = await createOpenAIEmbedder(options(fake));
    assert.deepEqual([e.id, e.dim], ["openai:fake-embed", DIM]);
    const [probe] = fake.requestsTo("embeddings");
    assert.equal(fake.requestsTo("embeddings").length, 1);
    assert.equal(probe!.headers.authorization, "Bearer not-needed");
  });

  test("OpenAIEmbedder · base64 and float replies · decode to the same unit vectors as the server's", async () => {
    const text = "The peace plan proposes a demilitarised zone.";
    const expected = await reference.embedQuery(text);
    for (const fake of [await server(), await server({ floatsOnly: true })]) {
      const [v] = await (await createOpenAIEmbedder(options(fake))).embedDocuments([text]);
      assert.equal(fake.requestsTo("embeddings").at(-1)!.body.encoding_format, "base64");
      assert.ok(close(v!, expected), "decoded vector equals the normalized server vector");
    }
  });

  test("OpenAIEmbedder · 5 texts with batchSize 2 · 3 requests of 2, 2 and 1 inputs, order kept", async () => {
    const fake = await server();
    const e = await createOpenAIEmbedder(options(fake, { batchSize: 2 }));
    await fake.reset();
    const texts = ["alpha one", "bravo two", "charlie three", "delta four", "echo five"];
    const vectors = await e.embedDocuments(texts);
    assert.deepEqual(inputsOf(fake), [["alpha one", "bravo two"], ["charlie three", "delta four"], ["echo five"]]);
    for (const [i, text] of texts.entries()) assert.ok(close(vectors[i]!, await reference.embedQuery(text)), text);
  });

  test("OpenAIEmbedder · blank texts · zero vectors without asking the server (it would reject them)", async () => {
    const fake = await server();
    const e = await createOpenAIEmbedder(options(fake));
    await fake.reset();
    const [blank, word, spaces] = await e.embedDocuments(["", "ceasefire talks", " \n "]);
    assert.deepEqual(inputsOf(fake), [["ceasefire talks"]]);
    assert.deepEqual([blank, spaces], [new Array(DIM).fill(0), new Array(DIM).fill(0)]);
    assert.equal(word!.length, DIM);
  });

  test("OpenAIEmbedder · 429 then success · retried and answered", async () => {
    const fake = await server();
    const e = await createOpenAIEmbedder(options(fake, { maxRetries: 2 }));
    await fake.reset();
    fake.script("embeddings", { type: "error", status: 429, retryAfter: "0" });
    const [v] = await e.embedDocuments(["oil prices rose"]);
    assert.equal(fake.requestsTo("embeddings").length, 2);
    assert.ok(close(v!, await reference.embedQuery("oil prices rose")));
  });

  test("OpenAIEmbedder · 500 beyond the retries · AppError with model and status, server only in details, no upstream text", async () => {
    const fake = await server();
    const e = await createOpenAIEmbedder(options(fake));
    fake.script("embeddings", { type: "error", status: 500, message: "disk 3 melted" });
    await assert.rejects(e.embedQuery("anything"), (err: unknown) => {
      assert.ok(isAppError(err) && err.code === "UPSTREAM_FAILED");
      assert.match(err.message, /fake-embed.*HTTP 500/);
      assert.doesNotMatch(err.message, /melted|127\.0\.0\.1/);
      assert.deepEqual(err.details, { baseURL: fake.baseURL });
      return true;
    });
  });

  test("OpenAIEmbedder · server changes dimension after the probe · refused instead of corrupting the index", async () => {
    const fake = await server();
    const e = await OpenAIEmbedder.create(options(fake));
    dim = DIM - 1;
    try {
      await assert.rejects(e.embedDocuments(["oil"]), /31 dimensions, expected 32/);
    } finally {
      dim = DIM;
    }
  });

  test("OpenAIEmbedder · unreachable server · create fails with UPSTREAM_FAILED", async () => {
    const gone = await server();
    const unreachable = options(gone);
    await gone.close();
    servers.splice(servers.indexOf(gone), 1);
    await assert.rejects(createOpenAIEmbedder(unreachable), (err: unknown) => {
      assert.ok(isAppError(err) && err.code === "UPSTREAM_FAILED");
      assert.ok(err.message.endsWith(`at ${unreachable.baseURL}`), "start-up failures name the server for the operator");
      return true;
    });
  });
});
