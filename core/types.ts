/** Data shapes shared by ingest, rag, server and eval. Only types here: no logic, no imports of libraries. */

/** A passage of a source document: the unit that is indexed, retrieved and cited. */
export interface Chunk {
  /** Stable id: `${source}#${ordinal}`. */
  id: string;
  /** File path relative to DOCS_DIR, with forward slashes. */
  source: string;
  title: string;
  /** 1-based PDF page where the chunk starts; null for formats without pages. */
  page: number | null;
  /** ISO date (YYYY-MM-DD) stated by the document, when it states one. */
  date: string | null;
  /** Character offsets of `text` in the cleaned document text (pages joined with "\n\n"). */
  start: number;
  end: number;
  text: string;
  /** Headings above the chunk, outermost first ("Server Configuration › Resource Consumption"); absent when the document has none. */
  section?: string;
  /** Where a reader can open the document (canonical link, front matter or sidecar `NAME.meta.json`). */
  url?: string;
  /** Metadata keys the document states beyond title, date and url (front matter or sidecar), kept as given. */
  metadata?: Record<string, unknown>;
}

/** A retrieved chunk; `score` is higher-is-better and comparable only within one retrieval. */
export interface Hit {
  chunk: Chunk;
  score: number;
  via: "dense" | "lexical" | "hybrid";
}

export interface Turn {
  role: "user" | "assistant";
  content: string;
}

/** A passage cited by an answer; `id` is the n of the `[n]` markers. */
export interface Citation {
  id: number;
  source: string;
  title: string;
  page: number | null;
  chunkId: string;
  text: string;
  score: number;
  /** The chunk's section path, when the document has headings. */
  section?: string;
  /** Link to the document, when it has one. */
  url?: string;
  metadata?: Record<string, unknown>;
}

/** What an Answerer produces, before the engine adds timings and model names. */
export interface Composition {
  answer: string;
  abstained: boolean;
  citations: Citation[];
  /** Nearest passages shown when the answer abstained; never referenced by markers. */
  related: Citation[];
  /** e.g. "extractive", "openai:gpt-4o-mini", "extractive (fallback: upstream 503)". */
  generator: string;
  /** Sentences whose cited passage does not support them (LLM path); empty for extractive. */
  unsupported: string[];
}

/** The /api/ask response body; also the payload of the chat stream's `done` event. */
export interface AskResponse extends Composition {
  /** The standalone question actually retrieved for (differs from the input for follow-ups). */
  query: string;
  model: { embeddings: string; generator: string };
  timings: { retrieveMs: number; generateMs: number; totalMs: number };
}

export interface AskRequest {
  question: string;
  topK?: number;
  history?: Turn[];
}

/** Events an Answerer yields; they match the chat endpoint's SSE events one to one. */
export type AnswerEvent = { type: "citations"; citations: Citation[] } | { type: "token"; text: string } | { type: "done"; answer: Composition };

/** Events the engine yields to callers (server, eval): `done` carries the full response. */
export type EngineEvent = { type: "citations"; citations: Citation[] } | { type: "token"; text: string } | { type: "done"; response: AskResponse };

/** A loaded and cleaned source file, ready for chunking. */
export interface SourceDocument {
  /** File path relative to DOCS_DIR, with forward slashes. */
  source: string;
  title: string;
  date: string | null;
  /** Cleaned text; PDF pages are joined with "\n\n". */
  text: string;
  /** Where each PDF page starts and ends in `text`; empty for formats without pages. */
  pages: { page: number; start: number; end: number }[];
  /** Every paragraph of `text` in order, with what it is; absent for documents built by hand. */
  blocks?: TextBlock[];
  url?: string;
  /** Metadata keys beyond title, date and url (front matter, sidecar file). */
  metadata?: Record<string, unknown>;
}

/** A paragraph of a SourceDocument: prose, a heading (with its level), a code block or a table row. */
export interface TextBlock {
  start: number;
  end: number;
  kind: "text" | "heading" | "code" | "row";
  /** 1 (outermost) to 9; headings only. */
  level?: number;
}

export interface Health {
  status: "ok";
  documents: number;
  chunks: number;
  embeddings: string;
  generator: string;
  indexBuiltAt: string;
}

/** The shared answering engine behind /api/ask, /api/chat and the eval harness. */
export interface Engine {
  /** Retrieves and answers; yields citations, tokens, then one `done` with the full response. */
  ask(request: AskRequest, signal?: AbortSignal): AsyncIterable<EngineEvent>;
  health(): Health;
  close(): Promise<void>;
}
