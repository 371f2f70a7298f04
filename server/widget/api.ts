import { createParser } from "eventsource-parser";
import type { AskRequest, AskResponse, Citation } from "../../core/types.js";

export interface ChatHandlers {
  onCitations(citations: Citation[]): void;
  onToken(text: string): void;
  onDone(response: AskResponse): void;
}

/** A failure worth showing to the reader as is (the server's messages are written for people). */
export class ChatError extends Error {
  override readonly name = "ChatError";
}

/**
 * POSTs to /api/chat and dispatches its Server-Sent Events. EventSource cannot POST, so this reads the fetch
 * body stream and frames it with eventsource-parser. Resolves after `done`; rejects with ChatError otherwise.
 */
export async function streamChat(apiBase: string, body: AskRequest, handlers: ChatHandlers, signal: AbortSignal): Promise<void> {
  const response = await post(apiBase, "/api/chat", body, signal, { Accept: "text/event-stream" });
  if (!response.body) throw new ChatError("The assistant sent no answer. Please try again.");

  let finished = false;
  let failure: ChatError | undefined;
  const parser = createParser({
    onEvent(event) {
      const data: unknown = JSON.parse(event.data);
      if (event.event === "citations") handlers.onCitations((data as { citations: Citation[] }).citations);
      else if (event.event === "token") handlers.onToken((data as { text: string }).text);
      else if (event.event === "done") {
        finished = true;
        handlers.onDone(data as AskResponse);
      } else if (event.event === "error") failure = new ChatError((data as { message: string }).message);
    },
  });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    parser.feed(value);
    if (failure) throw failure;
  }
  if (failure) throw failure;
  if (!finished) throw new ChatError("The answer was cut off. Please try again.");
}

/** What POST /api/feedback stores: a reader's vote (and comment) on one answer. */
export interface FeedbackBody {
  id: string;
  question: string;
  answer: string;
  chunkIds: string[];
  rating: "up" | "down";
  comment?: string;
  generator?: string;
}

export async function sendFeedback(apiBase: string, body: FeedbackBody): Promise<void> {
  await post(apiBase, "/api/feedback", body, AbortSignal.timeout(15_000));
}

/** POSTs JSON; a refused or failed request becomes a ChatError that says why, in words a reader can act on. */
async function post(apiBase: string, path: string, body: unknown, signal: AbortSignal, headers: Record<string, string> = {}): Promise<Response> {
  const response = await fetch(`${apiBase}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
    signal,
  }).catch(async (err: unknown) => {
    if (signal.aborted) throw err;
    throw await unreachable(apiBase);
  });
  if (!response.ok) throw new ChatError(await errorMessage(response));
  return response;
}

/**
 * A browser reports a refused CORS preflight exactly like a network failure. A plain GET needs no preflight,
 * and the server's 403 is readable by the refused page: it tells "this site is not allowed" from "unreachable".
 */
async function unreachable(apiBase: string): Promise<ChatError> {
  const probe = await fetch(`${apiBase}/api/health`, { signal: AbortSignal.timeout(10_000) }).catch(() => undefined);
  if (probe?.status === 403) return new ChatError(await errorMessage(probe));
  return new ChatError("Can't reach the assistant. Check your connection and try again.");
}

async function errorMessage(response: Response): Promise<string> {
  if (response.status === 429) {
    const wait = Number(response.headers.get("retry-after"));
    return wait > 0 ? `Too many questions at once. Try again in ${wait} s.` : "Too many questions at once; wait a moment and retry.";
  }
  const body = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
  return body?.error?.message ?? `The assistant failed (HTTP ${response.status}).`;
}
