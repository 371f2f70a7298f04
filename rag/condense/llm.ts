import type OpenAI from "openai";
import { ASK_LIMITS } from "../../core/ask-request.js";
import type { Config } from "../../core/config.js";
import type { Turn } from "../../core/types.js";
import { loadPrompts, type Prompts } from "../../prompts/load.js";
import { UpstreamError, withRetries } from "../llm/upstream.js";
import { createOpenAIClient } from "../llm/openai-client.js";
import { standalone, type Condense, type StandaloneQuestion } from "./condense.js";

/** The offline rewrite (condense/offline.ts): carries the previous turns' entities and keywords forward. */
export type RewriteFollowUp = (question: string, history: Turn[]) => StandaloneQuestion;

export interface LlmCondenserOptions {
  client: OpenAI;
  model: string;
  prompts: Prompts;
  /** Used when the model server fails or returns something unusable. */
  fallback: RewriteFollowUp;
  timeoutMs: number;
  /** Most recent turns shown to the model, and the characters kept of each. */
  maxTurns?: number;
  maxTurnChars?: number;
}

/**
 * Rewrites follow-ups with the condense prompt. No retries: the offline rewrite is a good fallback and
 * a retry would delay retrieval, so any failure or unusable reply falls back at once.
 */
export function llmCondenser({ client, model, prompts, fallback, timeoutMs, maxTurns = 6, maxTurnChars = 600 }: LlmCondenserOptions): Condense {
  return async (question, history, signal) => {
    if (history.length === 0) return standalone(question);
    const content = await prompts.condense({ history: formatHistory(history, maxTurns, maxTurnChars), question });
    try {
      const { value: completion, deadline } = await withRetries(
        (d) =>
          client.chat.completions.create(
            { model, messages: [{ role: "user", content }], temperature: 0, max_tokens: 200 },
            { signal: d.signal, timeout: timeoutMs, maxRetries: 0 },
          ),
        timeoutMs,
        { maxRetries: 0 },
        signal,
      );
      deadline.clear();
      // The model's rewrite names what the follow-up left implicit, so it carries nothing apart.
      const rewritten = cleanQuestion(completion.choices[0]?.message?.content ?? "");
      return rewritten ? standalone(rewritten) : fallback(question, history);
    } catch (err) {
      if (err instanceof UpstreamError) return fallback(question, history);
      throw err;
    }
  };
}

/** The engine's one call: an LLM condenser from `config`, falling back to the offline rewrite. */
export async function createLlmCondenser(
  config: Pick<Config, "generator" | "openai">,
  { fallback, prompts, client }: { fallback: RewriteFollowUp; prompts?: Prompts; client?: OpenAI },
): Promise<Condense> {
  return llmCondenser({
    client: client ?? createOpenAIClient(config.openai),
    model: config.generator.model,
    prompts: prompts ?? (await loadPrompts()),
    fallback,
    timeoutMs: config.openai.timeoutMs,
  });
}

/** Recent turns as "user: …" / "assistant: …" lines, markers removed and each turn shortened. */
function formatHistory(history: Turn[], maxTurns: number, maxChars: number): string {
  return history
    .slice(-maxTurns)
    .map(({ role, content }) => {
      const flat = content
        .replace(/\s*\[\d+\]/gu, "")
        .replace(/\s+/gu, " ")
        .trim();
      return `${role}: ${flat.length > maxChars ? `${flat.slice(0, maxChars).trimEnd()}…` : flat}`;
    })
    .join("\n");
}

/** The model's question without labels or quotes; undefined when nothing usable is left. */
function cleanQuestion(reply: string): string | undefined {
  const line = reply
    .split("\n")
    .map((l) => l.trim())
    .find(Boolean);
  const question = line
    ?.replace(/^(?:standalone question|question)\s*:\s*/iu, "")
    .replace(/^["'“”«»]+|["'“”«»]+$/gu, "")
    .trim();
  return question && question.length <= ASK_LIMITS.questionChars ? question : undefined;
}
