import OpenAI from "openai";
import type { Config } from "../../core/config.js";
import { OPENAI_BASE_URL, PLACEHOLDER_API_KEY } from "../../core/openai-endpoint.js";

/**
 * The chat client shared by the answerer and the condenser. Everything is passed explicitly so the SDK
 * never reads the environment itself; retries are ours (rag/llm/upstream.ts), so the SDK's are off.
 */
export function createOpenAIClient(openai: Config["openai"]): OpenAI {
  return new OpenAI({
    apiKey: openai.apiKey ?? PLACEHOLDER_API_KEY,
    baseURL: openai.baseURL ?? OPENAI_BASE_URL,
    organization: null,
    project: null,
    timeout: openai.timeoutMs,
    maxRetries: 0,
    logLevel: "off",
  });
}
