/**
 * Defaults shared by every OpenAI-compatible client (embeddings in ingest/, chat in rag/); a module of its own
 * so importing them does not load the SDKs (@langchain/openai alone takes about a second to import).
 */

/** Local servers (Ollama, llama.cpp, vLLM) ignore the key, but the SDKs insist on one. */
export const PLACEHOLDER_API_KEY = "not-needed";
export const OPENAI_BASE_URL = "https://api.openai.com/v1";
