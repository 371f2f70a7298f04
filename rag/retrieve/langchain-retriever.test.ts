import assert from "node:assert/strict";
import { test } from "node:test";
import type { Document } from "@langchain/core/documents";
import { PromptTemplate } from "@langchain/core/prompts";
import { RunnableLambda, RunnablePassthrough, RunnableSequence } from "@langchain/core/runnables";
import { createChunkStore, FakeEmbedder } from "../../ingest/index.js";
import { HybridRetriever } from "./hybrid.js";
import { CitebotRetriever } from "./langchain-retriever.js";
import { CONTRACT_CHUNKS } from "./retriever.contract.js";

test("CitebotRetriever · inside a LangChain chain (retriever → format → prompt) · the passage citebot ranks first fills the prompt", async () => {
  const embedder = new FakeEmbedder({ dim: 64 });
  const store = createChunkStore(embedder);
  await store.put([...CONTRACT_CHUNKS], await embedder.embedDocuments(CONTRACT_CHUNKS.map((c) => c.text)));
  const retriever = new CitebotRetriever({ retriever: new HybridRetriever(store, embedder, { weights: { dense: 1 } }), k: 2 });
  const format = RunnableLambda.from((docs: Document[]) => docs.map((d) => `[${d.metadata.source}] ${d.pageContent}`).join("\n"));
  const chain = RunnableSequence.from([
    { context: retriever.pipe(format), question: new RunnablePassthrough() },
    PromptTemplate.fromTemplate("Context:\n{context}\n\nQuestion: {question}"),
  ]);
  const prompt = (await chain.invoke("Which glacier feeds Lake Geneva with meltwater?")).toString();
  assert.match(prompt, /^Context:\n\[alps\.md\] /u);
  assert.match(prompt, /Question: Which glacier feeds Lake Geneva with meltwater\?$/u);
  const docs = await retriever.invoke("Which glacier feeds Lake Geneva with meltwater?");
  assert.equal(docs.length, 2);
  assert.equal(docs[0]!.metadata.chunkId, "alps.md#1");
  assert.equal(typeof docs[0]!.metadata.score, "number");
});
