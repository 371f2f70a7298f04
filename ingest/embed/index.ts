/**
 * The embedders' entry point: the factory entry points call, and the names other folders use.
 * Nothing is loaded on import; the OpenAI SDK is imported only when the OpenAI embedder is chosen.
 */
import type { Config } from "../../core/config.js";
import type { Embedder } from "./embedder.js";
import { WinkEmbedder } from "./wink.js";

export type { Embedder, WordVectors } from "./embedder.js";
export { hasWordVectors } from "./embedder.js";
export { FakeEmbedder } from "./fake.js";
export { WinkEmbedder } from "./wink.js";

export interface CreateEmbedderOptions {
  /** Called before the local word-vector cache is built (once per install, ~10 s), so a CLI can say so. */
  onCacheBuild?: (reason: string) => void;
}

/** The embedder the configuration asks for: local word vectors (default) or an OpenAI-compatible server. */
export async function createEmbedder(config: Pick<Config, "embeddings" | "openai">, { onCacheBuild }: CreateEmbedderOptions = {}): Promise<Embedder> {
  const { embeddings, openai } = config;
  if (embeddings.provider === "local") {
    return WinkEmbedder.open({ cacheDir: embeddings.cacheDir, onBuild: onCacheBuild });
  }
  const { createOpenAIEmbedder } = await import("./openai.js");
  return createOpenAIEmbedder({
    model: embeddings.model,
    apiKey: openai.apiKey,
    baseURL: openai.baseURL,
    timeoutMs: openai.timeoutMs,
    maxRetries: openai.maxRetries,
  });
}
