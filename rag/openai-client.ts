import OpenAI from "openai";
import type { Config } from "../core/config.js";

/** Local servers (Ollama, llama.cpp, vLLM) ignore the key, but the SDK insists on one. */
export const PLACEHOLDER_API_KEY = "not-needed";
const OPENAI_BASE_URL = "https://api.openai.com/v1";

/**
 * The chat client shared by the answerer and the condenser. Everything is passed explicitly so the SDK
 * never reads the environment itself; retries are ours (rag/answer/upstream.ts), so the SDK's are off.
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
