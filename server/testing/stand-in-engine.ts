import type { AskRequest, AskResponse, Citation, Engine, EngineEvent, Health } from "../../core/types.js";
import type { DocumentSummary } from "../../rag/index.js";

/** A scripted Engine for server tests: records what it was asked and the signal it got. */
export interface StandInEngine extends Engine {
  documents(): DocumentSummary[];
  readonly requests: AskRequest[];
  readonly signals: AbortSignal[];
  /** Tokens handed out over all requests: shows whether generation stopped. */
  readonly tokensYielded: number;
}

export interface StandInScript {
  citations?: Citation[];
  /** Streamed as one token per word (keeping the spaces). */
  answer?: string;
  abstained?: boolean;
  tokenDelayMs?: number;
  /** Throws `failure` after this many tokens (0: before even the citations). */
  failAfterTokens?: number;
  failure?: unknown;
  /** The response's generator (default "stand-in"); "extractive" makes the widget lay the answer out as quotes. */
  generator?: string;
}

export const SAMPLE_CITATION: Citation = {
  id: 1,
  source: "leaders.txt",
  title: "Leaders spoke on the phone",
  page: null,
  chunkId: "leaders.txt#0",
  text: "The two leaders spoke for ninety minutes on Wednesday.",
  score: 0.9,
};

export function createStandInEngine(script: StandInScript = {}): StandInEngine {
  const citations = script.citations ?? [SAMPLE_CITATION];
  const answer = script.answer ?? "They spoke for ninety minutes [1].";
  const requests: AskRequest[] = [];
  const signals: AbortSignal[] = [];
  let tokensYielded = 0;

  async function* ask(request: AskRequest, signal?: AbortSignal): AsyncGenerator<EngineEvent> {
    requests.push(request);
    if (signal) signals.push(signal);
    const fail = () => {
      throw script.failure ?? new Error("stand-in engine failure");
    };
    if (script.failAfterTokens === 0) fail();
    yield { type: "citations", citations };
    const tokens = answer.match(/\S+\s*/g) ?? [];
    for (const [i, text] of tokens.entries()) {
      if (i === script.failAfterTokens) fail();
      if (script.tokenDelayMs) await delay(script.tokenDelayMs, signal);
      signal?.throwIfAborted();
      tokensYielded++;
      yield { type: "token", text };
    }
    const response: AskResponse = {
      answer,
      abstained: script.abstained ?? false,
      citations: script.abstained ? [] : citations,
      related: script.abstained ? citations : [],
      generator: script.generator ?? "stand-in",
      unsupported: [],
      query: request.question,
      model: { embeddings: "stand-in", generator: script.generator ?? "stand-in" },
      timings: { retrieveMs: 0, generateMs: 0, totalMs: 0 },
    };
    yield { type: "done", response };
  }

  const health: Health = {
    status: "ok",
    documents: 1,
    chunks: 1,
    embeddings: "stand-in",
    generator: "stand-in",
    indexBuiltAt: "2025-03-01T12:00:00.000Z",
  };
  return {
    ask,
    health: () => health,
    close: async () => {},
    documents: () => [
      { source: SAMPLE_CITATION.source, title: SAMPLE_CITATION.title, date: "2025-02-13", chunks: 1, bytes: 120, indexedAt: "2025-03-01T12:00:00.000Z" },
    ],
    requests,
    signals,
    get tokensYielded() {
      return tokensYielded;
    },
  };
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
