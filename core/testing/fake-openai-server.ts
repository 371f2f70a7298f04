import http from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * A small OpenAI-compatible server for tests: real HTTP on 127.0.0.1, scripted per test. It speaks the two
 * routes citebot uses (`POST /v1/chat/completions`, streamed or not, and `POST /v1/embeddings`, float or
 * base64), can fail on demand (any status, retry-after, slow headers, a stream that stalls or breaks), and
 * records every request. It imports nothing from the project so that ingest and rag tests can both use it.
 */

/** One scripted reply; replies are consumed in order per route, then the route's default applies. */
export type FakeReply =
  | {
      type: "chat";
      content: string;
      /** How the content is split into stream chunks; default: one chunk per word (with its space). */
      chunks?: string[];
      /** Delay before the response headers. */
      delayMs?: number;
      /** Delay before each stream chunk. */
      chunkDelayMs?: number;
      /** Destroy the connection after this many chunks (a broken stream). */
      breakAfterChunks?: number;
      /** Send nothing more after this many chunks, keeping the connection open (a stalled stream). */
      stallAfterChunks?: number;
    }
  | { type: "error"; status: number; message?: string; retryAfter?: string; retryAfterMs?: number; delayMs?: number }
  /** Accept the request and never answer it (until the client gives up or the server closes). */
  | { type: "hang" };

export interface RecordedRequest {
  path: string;
  body: Record<string, unknown>;
  headers: http.IncomingHttpHeaders;
  receivedAt: number;
  /** Resolves when the exchange ends: "finished" if the reply was sent, "aborted" if the client left first. */
  closed: Promise<"finished" | "aborted">;
}

export interface FakeOpenAIOptions {
  /** The embedding of one input; the server encodes it as the request asks (float or base64). */
  embed?: (text: string) => number[] | Promise<number[]>;
  /** The chat reply when none is scripted. */
  defaultChat?: string;
  /** Answer embeddings as float arrays whatever `encoding_format` asks, like some local servers. */
  floatsOnly?: boolean;
}

export class FakeOpenAIServer {
  readonly requests: RecordedRequest[] = [];
  private readonly queues = new Map<string, FakeReply[]>();

  private constructor(
    private readonly server: http.Server,
    private readonly options: FakeOpenAIOptions,
  ) {}

  static async start(options: FakeOpenAIOptions = {}): Promise<FakeOpenAIServer> {
    let fake: FakeOpenAIServer | undefined;
    const server = http.createServer((req, res) => {
      fake?.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: `fake server: ${String(err)}` } }));
      });
    });
    fake = new FakeOpenAIServer(server, options);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return fake;
  }

  /** Base URL to hand to an OpenAI client, e.g. http://127.0.0.1:43125/v1. */
  get baseURL(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  /** Queues replies for a route: "chat" or "embeddings". */
  script(route: "chat" | "embeddings", ...replies: FakeReply[]): this {
    const queue = this.queues.get(route) ?? [];
    queue.push(...replies);
    this.queues.set(route, queue);
    return this;
  }

  requestsTo(route: "chat" | "embeddings"): RecordedRequest[] {
    return this.requests.filter((r) => r.path === ROUTES[route]);
  }

  /**
   * Waits until the server has read every request already on the wire and finished each exchange, then
   * forgets requests and scripts. Call it between tests: a request the client gave up on (a timeout
   * test) may still be in the socket buffer, and must not consume the next test's scripted reply.
   */
  async reset(): Promise<void> {
    await sleep(20);
    await Promise.race([Promise.all(this.requests.map((r) => r.closed)), sleep(2_000)]);
    this.requests.length = 0;
    this.queues.clear();
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((err) => (err ? reject(err) : resolve())));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readJson(req);
    const closed = new Promise<"finished" | "aborted">((resolve) => res.on("close", () => resolve(res.writableFinished ? "finished" : "aborted")));
    const path = req.url ?? "";
    this.requests.push({ path, body, headers: req.headers, receivedAt: Date.now(), closed });
    const route = path === ROUTES.chat ? "chat" : path === ROUTES.embeddings ? "embeddings" : undefined;
    if (!route || req.method !== "POST") return sendJson(res, 404, { error: { message: `no route ${req.method} ${path}` } });

    const reply = this.queues.get(route)?.shift();
    if (reply?.type === "hang") return;
    if (reply?.delayMs) await sleep(reply.delayMs);
    if (res.destroyed) return;
    if (reply?.type === "error") return sendError(res, reply);
    if (route === "embeddings") return this.sendEmbeddings(res, body);
    const chat = reply ?? { type: "chat" as const, content: this.options.defaultChat ?? "OK." };
    return body.stream === true ? sendStream(res, body, chat) : sendJson(res, 200, completion(body, chat.content));
  }

  private async sendEmbeddings(res: http.ServerResponse, body: Record<string, unknown>): Promise<void> {
    const embed = this.options.embed;
    if (!embed) return sendJson(res, 501, { error: { message: "fake server started without an embed function" } });
    const inputs = Array.isArray(body.input) ? (body.input as unknown[]) : [body.input];
    const base64 = body.encoding_format === "base64" && !this.options.floatsOnly;
    const data = [];
    for (const [index, input] of inputs.entries()) {
      const vector = await embed(String(input));
      data.push({ object: "embedding", index, embedding: base64 ? toBase64Float32(vector) : vector });
    }
    sendJson(res, 200, { object: "list", data, model: body.model, usage: { prompt_tokens: 0, total_tokens: 0 } });
  }
}

const ROUTES = { chat: "/v1/chat/completions", embeddings: "/v1/embeddings" } as const;

/** Little-endian float32, as the OpenAI API encodes `encoding_format: "base64"`. */
export function toBase64Float32(vector: number[]): string {
  const buf = Buffer.alloc(vector.length * 4);
  vector.forEach((x, i) => buf.writeFloatLE(x, i * 4));
  return buf.toString("base64");
}

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  const text = Buffer.concat(parts).toString("utf8");
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

function sendJson(res: http.ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(payload));
}

function sendError(res: http.ServerResponse, reply: Extract<FakeReply, { type: "error" }>): void {
  const headers: Record<string, string> = {};
  if (reply.retryAfter !== undefined) headers["retry-after"] = reply.retryAfter;
  if (reply.retryAfterMs !== undefined) headers["retry-after-ms"] = String(reply.retryAfterMs);
  const message = reply.message ?? `fake upstream failure ${reply.status}`;
  sendJson(res, reply.status, { error: { message, type: "server_error", code: null } }, headers);
}

function completion(body: Record<string, unknown>, content: string): unknown {
  return {
    id: "chatcmpl-fake",
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: body.model,
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
  };
}

async function sendStream(res: http.ServerResponse, body: Record<string, unknown>, reply: Extract<FakeReply, { type: "chat" }>): Promise<void> {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const chunks = reply.chunks ?? reply.content.match(/\S+\s*|\s+/gu) ?? [];
  const frame = (delta: Record<string, unknown>, finish: string | null) =>
    `data: ${JSON.stringify({
      id: "chatcmpl-fake",
      object: "chat.completion.chunk",
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [{ index: 0, delta, finish_reason: finish }],
    })}\n\n`;
  // Each write is flushed before the next step, so a scripted break or stall happens after the client got the chunks.
  const send = (text: string) => new Promise<void>((resolve) => res.write(text, () => resolve()));
  await send(frame({ role: "assistant", content: "" }, null));
  for (const [i, chunk] of chunks.entries()) {
    if (reply.breakAfterChunks === i) return void res.destroy();
    if (reply.stallAfterChunks === i) return;
    if (reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
    if (res.destroyed) return;
    await send(frame({ content: chunk }, null));
  }
  res.end(`${frame({}, "stop")}data: [DONE]\n\n`);
}
