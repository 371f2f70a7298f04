/**
 * `[n]` in an answer is always ours. A document's own bracketed numbers ("package[17]", "gitignore[5]", "see [2-4]")
 * would read as citation markers, pointing at no passage or at the wrong one, so wherever passage text reaches an
 * answer (an extractive quote) or the model (the prompt's passages) they become parenthesised: "package(17)".
 * The citation's `text` keeps the document's own spelling.
 */

// The same grammar verify.ts reads as a marker run: [1], [1, 2], [2-4], [1; 2].
const BRACKETED_NUMBERS = /\[(\s*\d+(?:\s*[,;–-]\s*\d+)*\s*)\]/gu;

// Without the global flag, so that test() keeps no position between calls.
const HOLDS_BRACKETED_NUMBERS = new RegExp(BRACKETED_NUMBERS.source, "u");

/** Whether the text holds bracketed numbers that would read as markers (code indexing a list: `argv[1]`). */
export const hasDocumentMarkers = (text: string): boolean => text.includes("[") && HOLDS_BRACKETED_NUMBERS.test(text);

export function defuseDocumentMarkers(text: string): string {
  return text.includes("[") ? text.replace(BRACKETED_NUMBERS, "($1)") : text;
}
