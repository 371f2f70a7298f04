import { setTimeout as delay } from "node:timers/promises";
import { AppError } from "../../core/errors.js";
import type { AskRequest, AskResponse } from "../../core/types.js";
import type { Observation } from "../score.js";
import { shownPassages, type AskRunner, type RetrievalSource } from "./runner.js";

/** How often a 429 is retried, and the longest Retry-After honoured, so a run against a strict limit still ends. */
const RETRIES_ON_429 = 3;
const MAX_RETRY_AFTER_MS = 60_000;

/**
 * Asks a running citebot (or any deployment honouring the /api/ask contract) over HTTP. A 429 is retried after
 * its Retry-After; a request that still fails throws, and the harness counts it as an error of the run.
 */
export class HttpRunner implements AskRunner {
  readonly name: string;
  /** A client sees only the response, so retrieval is scored on the passages it shows. */
  readonly retrieval: RetrievalSource = "shown";
  private readonly url: string;

  constructor(
    baseUrl: string,
    private readonly timeoutMs = 30_000,
  ) {
    this.url = new URL("/api/ask", baseUrl).href;
    this.name = `citebot (${new URL(baseUrl).origin})`;
  }

  async ask(request: AskRequest, signal?: AbortSignal): Promise<Observation> {
    let res = await this.post(request, signal);
    for (let attempt = 0; res.status === 429 && attempt < RETRIES_ON_429; attempt++) {
      await res.body?.cancel();
      await delay(retryAfterMs(res.headers.get("retry-after")), undefined, signal ? { signal } : {});
      res = await this.post(request, signal);
    }
    const body = (await res.json().catch((cause: unknown) => {
      throw new AppError("UPSTREAM_FAILED", `POST ${this.url}: status ${res.status}, body is not JSON`, { cause });
    })) as AskResponse & { error?: { code: string; message: string } };
    if (!res.ok) {
      throw new AppError("UPSTREAM_FAILED", `POST ${this.url}: status ${res.status} ${body.error?.code ?? ""} ${body.error?.message ?? ""}`.trim());
    }
    return { response: body, retrieved: shownPassages(body) };
  }

  private post(request: AskRequest, signal?: AbortSignal): Promise<Response> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    return fetch(this.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(request),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  }

  settings(): Record<string, unknown> {
    return { url: this.url };
  }

  async close(): Promise<void> {}
}

/** Retry-After in seconds or as an HTTP date; 1 s when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number {
  const seconds = Number(header);
  const ms = header !== null && header.trim() !== "" && Number.isFinite(seconds) ? seconds * 1000 : header ? Date.parse(header) - now : Number.NaN;
  return Math.min(Math.max(Number.isFinite(ms) ? ms : 1000, 0), MAX_RETRY_AFTER_MS);
}
