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
  const response = await fetch(`${apiBase}/api/chat`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
    body: JSON.stringify(body),
    signal,
  }).catch((err: unknown) => {
    if (signal.aborted) throw err;
    throw new ChatError("Can't reach the assistant. Check your connection and try again.");
  });
  if (!response.ok || !response.body) throw new ChatError(await errorMessage(response));

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

async function errorMessage(response: Response): Promise<string> {
  const body = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
  const message = body?.error?.message;
  if (message) return message;
  return response.status === 429 ? "Too many questions at once; wait a moment and retry." : `The assistant failed (HTTP ${response.status}).`;
}
