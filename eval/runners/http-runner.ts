import { AppError } from "../../core/errors.js";
import type { AskRequest, AskResponse } from "../../core/types.js";
import type { Observation } from "../score.js";
import { shownPassages, type AskRunner, type RetrievalSource } from "./runner.js";

/** Asks a running citebot (or any deployment honouring the /api/ask contract) over HTTP. */
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
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const res = await fetch(this.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(request),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    const body = (await res.json().catch((cause: unknown) => {
      throw new AppError("UPSTREAM_FAILED", `POST ${this.url}: status ${res.status}, body is not JSON`, { cause });
    })) as AskResponse & { error?: { code: string; message: string } };
    if (!res.ok) {
      throw new AppError("UPSTREAM_FAILED", `POST ${this.url}: status ${res.status} ${body.error?.code ?? ""} ${body.error?.message ?? ""}`.trim());
    }
    return { response: body, retrieved: shownPassages(body) };
  }

  settings(): Record<string, unknown> {
    return { url: this.url };
  }

  async close(): Promise<void> {}
}
