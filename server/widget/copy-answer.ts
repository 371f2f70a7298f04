import { placeOf, safeUrl, titleOf } from "./sources.js";
import type { Message } from "./store.js";

/** Puts the answer as written (markers kept), then its sources, on the clipboard; false when not allowed. */
export function copyAnswer(m: Extract<Message, { kind: "bot" }>): Promise<boolean> {
  const sources = m.citations.map((c) => [`[${c.id}] ${titleOf(c)}`, placeOf(c), safeUrl(c.url)].filter(Boolean).join(", "));
  const text = sources.length ? `${m.text}\n\nSources:\n${sources.join("\n")}` : m.text;
  // The Clipboard API exists only in secure contexts (https, localhost).
  return navigator.clipboard
    ? navigator.clipboard.writeText(text).then(
        () => true,
        () => false,
      )
    : Promise.resolve(false);
}
