import { createParser } from "eventsource-parser";

export interface SseFrame {
  event: string;
  data: unknown;
}

export interface SseReadResult {
  frames: SseFrame[];
  comments: string[];
}

/**
 * Reads a text/event-stream response to its end with eventsource-parser (the widget's parser too).
 * `onFrame` may return true to stop reading early (the caller then aborts the request).
 */
export async function readSse(response: Response, onFrame?: (frame: SseFrame) => boolean | void): Promise<SseReadResult> {
  if (!response.body) throw new Error("response has no body");
  const result: SseReadResult = { frames: [], comments: [] };
  let stop = false;
  const parser = createParser({
    onEvent: (e) => {
      const frame = { event: e.event ?? "message", data: JSON.parse(e.data) as unknown };
      result.frames.push(frame);
      if (onFrame?.(frame)) stop = true;
    },
    onComment: (c) => result.comments.push(c.trim()),
  });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  while (!stop) {
    const { value, done } = await reader.read();
    if (done) break;
    parser.feed(value);
  }
  if (stop) await reader.cancel();
  return result;
}
