import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const CORPUS_DIR = path.resolve(ROOT, "..", "shared", "corpus");

/**
 * The environment of a test server that is offline whatever the developer's shell or .env says: local
 * embeddings, extractive answers, the repo's word-vector cache, a free port, no rate limit.
 */
export function offlineEnv(docsDir: string, indexDir: string): Record<string, string> {
  return {
    DOCS_DIR: docsDir,
    INDEX_DIR: indexDir,
    CACHE_DIR: path.join(ROOT, ".data", "cache"),
    EMBEDDINGS: "local",
    GENERATOR: "extractive",
    PORT: "0",
    RATE_LIMIT_PER_MINUTE: "0",
  };
}
