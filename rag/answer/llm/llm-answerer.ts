import type OpenAI from "openai";
import type { ChatCompletionChunk, ChatCompletionMessageParam } from "openai/resources/chat/completions";
import type { Stream } from "openai/streaming";
import type { Config } from "../../../core/config.js";
import type { AnswerEvent, Citation, Composition, Hit } from "../../../core/types.js";
import { loadPrompts, type Prompts } from "../../../prompts/load.js";
import { createOpenAIClient } from "../../llm/openai-client.js";
import { verifyCitations, type VerifyOptions } from "../../verify/verify.js";
import { toQuery, type StandaloneQuestion } from "../../condense/condense.js";
import type { AnswerabilityCheck } from "../answerability.js";
import type { Answerer, AnswerOptions } from "../answerer.js";
import { toCitation } from "../citations.js";
import { buildAnswerMessages, parseRefusal, RefusalGate } from "./llm-prompt.js";
import { timeoutError, UpstreamError, withRetries, type Deadline, type RetryPolicy } from "../../llm/upstream.js";

export interface LlmAnswererOptions {
  client: OpenAI;
  model: string;
  prompts: Prompts;
  /** Answers instead when the model server fails; its `generator` gets "(fallback: <reason>)" appended. */
  fallback: Answerer;
  /** Decides before the model is called whether any passage could answer (the extractive abstention model). */
  precheck: AnswerabilityCheck;
  maxRetries: number;
  /** Longest wait for the response headers or for the next streamed chunk. */
  timeoutMs: number;
  /** Backoff tuning (tests shorten it). */
  backoff?: Omit<RetryPolicy, "maxRetries">;
  maxTokens?: number;
  verify?: VerifyOptions;
}

type ModelStream = Stream<ChatCompletionChunk>;

/** Nearest passages listed as `related` when the model abstains. */
const RELATED_COUNT = 3;

/**
 * Answers with a chat model over the retrieved passages, once the pre-check has found that they could answer
 * (else it abstains without calling the model): streams its tokens, then checks every `[n]`
 * (rag/verify/verify.ts) before the final answer. Timeouts, 429 and 5xx are retried with backoff, then the
 * fallback (extractive) answers, flagged in `generator`. Upstream messages never reach the user.
 */
export class LlmAnswerer implements Answerer {
  readonly name: string;

  constructor(private readonly opts: LlmAnswererOptions) {
    this.name = `openai:${opts.model}`;
  }

  async *answer(question: StandaloneQuestion, hits: Hit[], options: AnswerOptions = {}): AsyncIterable<AnswerEvent> {
    const { signal } = options;
    signal?.throwIfAborted();
    const refusal = this.opts.precheck.abstention(question, hits);
    if (refusal) {
      yield { type: "citations", citations: [] };
      yield { type: "done", answer: { ...refusal, generator: this.name } };
      return;
    }
    const citations = hits.map((hit, i) => toCitation(hit, i + 1));
    const messages = await buildAnswerMessages(this.opts.prompts, toQuery(question), citations);
    let opened: { value: ModelStream; deadline: Deadline };
    try {
      const { maxRetries, timeoutMs, backoff } = this.opts;
      opened = await withRetries((deadline) => this.open(messages, deadline), timeoutMs, { maxRetries, ...backoff }, signal);
    } catch (err) {
      yield* this.fallBack(question, hits, options, reasonOf(err), false);
      return;
    }
    const { reply, streamed, failure } = yield* this.relay(opened.value, opened.deadline, citations, signal);
    if (failure) {
      yield* this.fallBack(question, hits, options, failure.reason, streamed);
      return;
    }
    const composition = this.finish(reply, citations);
    if (composition) yield { type: "done", answer: composition };
    else yield* this.fallBack(question, hits, options, "uncited model answer", streamed);
  }

  /** Passes the model's tokens on (minus a refusal token) and reports how the stream ended. */
  private async *relay(
    stream: ModelStream,
    deadline: Deadline,
    citations: Citation[],
    signal: AbortSignal | undefined,
  ): AsyncGenerator<AnswerEvent, { reply: string; streamed: boolean; failure?: UpstreamError }> {
    const gate = new RefusalGate();
    let reply = "";
    let streamed = false;
    try {
      // Sent once the server has accepted the request, so a failed request leaves only the fallback's events.
      yield { type: "citations", citations };
      for await (const chunk of stream) {
        deadline.touch();
        const piece = chunk.choices[0]?.delta?.content ?? "";
        reply += piece;
        const visible = gate.push(piece);
        if (visible) {
          streamed = true;
          yield { type: "token", text: visible };
        }
      }
    } catch (err) {
      const failure = err instanceof UpstreamError ? err : new UpstreamError("upstream stream broken", false, undefined, err);
      return { reply, streamed, failure };
    } finally {
      deadline.clear();
      // Ends the upstream request when the consumer stopped early (a no-op once the stream is read).
      stream.controller.abort();
    }
    // The SDK ends a stream quietly when its signal aborts: find out whether that was us or the caller.
    if (signal?.aborted) throw signal.reason;
    const failure = deadline.timedOut ? timeoutError() : undefined;
    return { reply, streamed, failure };
  }

  private async open(messages: ChatCompletionMessageParam[], deadline: Deadline): Promise<ModelStream> {
    const { client, model, maxTokens = 600, timeoutMs } = this.opts;
    return client.chat.completions.create(
      { model, messages, stream: true, temperature: 0, max_tokens: maxTokens },
      { signal: deadline.signal, timeout: timeoutMs, maxRetries: 0 },
    );
  }

  /** The verified answer, an abstention, or undefined when the model answered without a usable citation. */
  private finish(reply: string, citations: Citation[]): Composition | undefined {
    const refusal = parseRefusal(reply);
    if (refusal !== undefined) {
      return this.compose({ answer: refusal, abstained: true, related: citations.slice(0, RELATED_COUNT) });
    }
    const verified = verifyCitations(reply.trim(), citations, this.opts.verify);
    if (verified.citations.length === 0) return undefined;
    return this.compose({ answer: verified.answer, citations: verified.citations, unsupported: verified.unsupported });
  }

  private compose(parts: Partial<Composition> & Pick<Composition, "answer">): Composition {
    return { abstained: false, citations: [], related: [], generator: this.name, unsupported: [], ...parts };
  }

  /**
   * The fallback's answer, flagged. When model text was already streamed, only its `done` follows:
   * the client replaces the partial text with the final answer rather than appending to it.
   */
  private async *fallBack(question: StandaloneQuestion, hits: Hit[], options: AnswerOptions, reason: string, streamed: boolean): AsyncIterable<AnswerEvent> {
    for await (const event of this.opts.fallback.answer(question, hits, options)) {
      if (event.type === "done") {
        const generator = `${event.answer.generator} (fallback: ${reason})`;
        yield { type: "done", answer: { ...event.answer, generator } };
      } else if (!streamed) yield event;
    }
  }
}

/** A short reason safe to show; anything that is not an upstream failure is a bug and propagates. */
function reasonOf(err: unknown): string {
  if (err instanceof UpstreamError) return err.reason;
  throw err;
}

/** The engine's one call: an LlmAnswerer configured from `config`, falling back to `fallback`, which also pre-checks. */
export async function createLlmAnswerer(
  config: Pick<Config, "generator" | "openai">,
  { fallback, prompts, client }: { fallback: Answerer & AnswerabilityCheck; prompts?: Prompts; client?: OpenAI },
): Promise<LlmAnswerer> {
  return new LlmAnswerer({
    client: client ?? createOpenAIClient(config.openai),
    model: config.generator.model,
    prompts: prompts ?? (await loadPrompts()),
    fallback,
    precheck: fallback,
    maxRetries: config.openai.maxRetries,
    timeoutMs: config.openai.timeoutMs,
  });
}
