import type { Response } from "express";

/** Frames one Server-Sent Event; multi-line data becomes several `data:` lines, as the spec requires. */
export function formatSseEvent(event: string, data: unknown): string {
  if (/[\r\n]/.test(event)) throw new TypeError(`SSE event name must not contain a newline: ${JSON.stringify(event)}`);
  const text = typeof data === "string" ? data : JSON.stringify(data);
  const lines = text.split(/\r\n|\r|\n/).map((line) => `data: ${line}`);
  return `event: ${event}\n${lines.join("\n")}\n\n`;
}

/** A comment line: ignored by parsers, but keeps proxies from closing an idle stream. */
export function formatSseComment(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => `: ${line}\n`)
    .join("")
    .concat("\n");
}

/** Writes one event; resolves once the socket can take more, so a slow client slows the producer. */
export function writeSseEvent(res: Response, event: string, data: unknown): Promise<void> {
  return writeWithBackpressure(res, formatSseEvent(event, data));
}

function writeWithBackpressure(res: Response, frame: string): Promise<void> {
  if (res.write(frame)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

export interface SseStream {
  send(event: string, data: unknown): Promise<void>;
  /** Stops the heartbeat; the caller (or the error middleware) ends the response. */
  stop(): void;
}

/**
 * Sends the event-stream headers now and starts a heartbeat comment every `heartbeatMs`. The heartbeat also
 * stops when the connection closes, so a producer slow to notice a hang-up does not keep it ticking.
 */
export function openSse(res: Response, heartbeatMs: number): SseStream {
  res.status(200);
  res.set({
    "Content-Type": "text/event-stream; charset=utf-8",
    "Cache-Control": "no-cache, no-transform",
    Connection: "keep-alive",
    // nginx buffers responses unless told otherwise.
    "X-Accel-Buffering": "no",
  });
  res.flushHeaders();
  const timer = setInterval(() => {
    if (!res.writableEnded) res.write(formatSseComment("ping"));
  }, heartbeatMs);
  timer.unref();
  const stop = () => clearInterval(timer);
  res.once("close", stop);
  return {
    send: (event, data) => writeSseEvent(res, event, data),
    stop,
  };
}
