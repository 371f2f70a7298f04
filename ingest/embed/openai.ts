import { OpenAIEmbeddings, type OpenAIEmbeddingsParams } from "@langchain/openai";
import { APIConnectionError, APIConnectionTimeoutError, type ClientOptions } from "openai";
import { AppError } from "../../core/errors.js";
import type { Embedder } from "./embedder.js";
import { OPENAI_BASE_URL, PLACEHOLDER_API_KEY } from "../../core/openai-endpoint.js";
import { normalizeInPlace } from "./vector.js";

export interface OpenAIEmbedderOptions {
  model: string;
  /** Absent for local servers (Ollama, llama.cpp, vLLM): a placeholder is sent. */
  apiKey?: string;
  /** An OpenAI-compatible server, e.g. http://127.0.0.1:11434/v1; default OpenAI's. */
  baseURL?: string;
  timeoutMs: number;
  maxRetries: number;
  /** Inputs per request. */
  batchSize?: number;
}

type Fields = Partial<OpenAIEmbeddingsParams> & { apiKey: string; configuration: ClientOptions; maxRetries: number };

const PROBE = "citebot dimension probe";

/**
 * Embeddings from OpenAI or any OpenAI-compatible server, through LangChain's OpenAIEmbeddings (batching,
 * retries with backoff that honour retry-after, timeouts). On top it adds what the index needs: an `id`
 * and a `dim` checked on every vector, unit-length plain arrays whatever the server sends, base64 decoded
 * here so a server that ignores `encoding_format` cannot be misread, and zero vectors for blank texts,
 * which the API would reject.
 */
export class OpenAIEmbedder extends OpenAIEmbeddings implements Embedder {
  readonly id: string;
  readonly dim: number;
  private readonly where: string;

  private constructor(fields: Fields, dim: number) {
    super(fields);
    this.id = `openai:${fields.model}`;
    this.dim = dim;
    this.where = fields.configuration.baseURL ?? OPENAI_BASE_URL;
  }

  /** Connects, and learns the dimension by embedding a probe string once. */
  static async create(opts: OpenAIEmbedderOptions): Promise<OpenAIEmbedder> {
    const fields: Fields = {
      model: opts.model,
      apiKey: opts.apiKey ?? PLACEHOLDER_API_KEY,
      configuration: { baseURL: opts.baseURL ?? OPENAI_BASE_URL, organization: null, project: null, logLevel: "off" },
      timeout: opts.timeoutMs,
      maxRetries: opts.maxRetries,
      batchSize: opts.batchSize ?? 128,
      encodingFormat: "base64",
    };
    const probe = await new OpenAIEmbedder(fields, 0).embedQuery(PROBE).catch((cause: unknown) => {
      const message = cause instanceof AppError ? cause.message : String(cause);
      throw new AppError("UPSTREAM_FAILED", `${message} at ${fields.configuration.baseURL}`, { cause });
    });
    if (probe.length === 0) {
      throw new AppError("UPSTREAM_FAILED", `Embeddings server ${fields.configuration.baseURL} returned an empty vector for model ${opts.model}`);
    }
    return new OpenAIEmbedder(fields, probe.length);
  }

  override async embedDocuments(texts: string[]): Promise<number[][]> {
    const out: number[][] = texts.map(() => []);
    const sent = texts.flatMap((text, i) => (text.trim() ? [i] : []));
    const vectors = sent.length ? await this.call(() => super.embedDocuments(sent.map((i) => texts[i]!))) : [];
    if (vectors.length !== sent.length) throw this.malformed(`${vectors.length} vectors for ${sent.length} inputs`);
    sent.forEach((at, k) => (out[at] = this.finish(vectors[k])));
    return out.map((v) => (v.length ? v : new Array<number>(this.dim).fill(0)));
  }

  override async embedQuery(text: string): Promise<number[]> {
    if (!text.trim()) return new Array<number>(this.dim).fill(0);
    return this.finish(await this.call(() => super.embedQuery(text)));
  }

  /** Plain, unit-length, of the learned dimension (a probe run has dim 0 and accepts any). */
  private finish(raw: unknown): number[] {
    const vector = typeof raw === "string" ? decodeBase64Float32(raw) : Array.isArray(raw) ? raw.map(Number) : undefined;
    if (!vector || !vector.every(Number.isFinite)) throw this.malformed("an embedding that is neither numbers nor base64");
    if (this.dim && vector.length !== this.dim) throw this.malformed(`a vector of ${vector.length} dimensions, expected ${this.dim}`);
    return normalizeInPlace(vector);
  }

  /**
   * Failures after LangChain's retries. Query-time messages can reach API clients, so the server's address
   * goes in `details` (for logs) and only the start-up probe names it in the message.
   */
  private async call<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (cause) {
      if (cause instanceof AppError) throw cause;
      const what = describeFailure(cause);
      throw new AppError("UPSTREAM_FAILED", `Embeddings request (model ${this.model}) failed: ${what}`, { cause, details: { baseURL: this.where } });
    }
  }

  private malformed(what: string): AppError {
    return new AppError("UPSTREAM_FAILED", `Embeddings server (model ${this.model}) sent ${what}`, { details: { baseURL: this.where } });
  }
}

/** The factory ingest/embed/index.ts calls for EMBEDDINGS=openai. */
export function createOpenAIEmbedder(opts: OpenAIEmbedderOptions): Promise<Embedder> {
  return OpenAIEmbedder.create(opts);
}

/** A short, safe description: the HTTP status, a timeout or a connection failure. */
function describeFailure(cause: unknown): string {
  const status = (cause as { status?: unknown }).status;
  if (typeof status === "number") return `HTTP ${status}`;
  if (cause instanceof APIConnectionTimeoutError || (cause instanceof Error && cause.name === "TimeoutError")) return "timed out";
  if (cause instanceof APIConnectionError) return "cannot connect";
  return cause instanceof Error ? cause.constructor.name : "unknown error";
}

/** OpenAI's base64 embeddings: little-endian float32. */
export function decodeBase64Float32(text: string): number[] {
  const bytes = Buffer.from(text, "base64");
  if (bytes.length % 4 !== 0) return [Number.NaN];
  const out = new Array<number>(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = bytes.readFloatLE(i * 4);
  return out;
}
