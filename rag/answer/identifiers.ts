/**
 * Technical names in a question, as written: `work_mem`, `os.cpu_count()`, `--no-edit`, `\onehalfspacing`,
 * `basicConfig`, `max_workers=`. They are names for abstention: documents that never spell one are not about it,
 * however well its parts ("cpu", "count") match. Found by their form alone, so they carry over to any corpus.
 */

// A word with an inner underscore, dot, "::" or "->", a leading option dash or TeX backslash, an inner capital
// (camelCase), a "name=" keyword or a trailing call "()".
const IDENTIFIER_FORMS = [
  /[\p{L}\p{N}]_[\p{L}\p{N}_]/u,
  /\p{L}[\p{L}\p{N}]*(?:\.|::|->)\p{L}/u,
  /^--?\p{L}[\p{L}\p{N}-]*$/u,
  /^\\\p{L}+$/u,
  /^\p{Ll}+\p{Lu}[\p{L}\p{N}]*$/u,
  /^[\p{L}_][\p{L}\p{N}_]*=/u,
  /^[\p{L}_][\p{L}\p{N}_.]*\(\)?$/u,
];

// Every form needs one of these marks; plain words (most of a text) skip the forms.
const MAY_BE_IDENTIFIER = /[_.:>\\=(-]|.\p{Lu}/u;

/** The identifiers of `text`, lowercased and without call parentheses, arguments or a keyword's value. */
export function identifiers(text: string): string[] {
  const out = new Set<string>();
  for (const raw of text.split(/[\s,;]+/u)) {
    if (!MAY_BE_IDENTIFIER.test(raw)) continue;
    const word = raw.replace(/^[`'"“‘(\[]+|[`'"”’)\]?!:.]+$/gu, "");
    if (!word || !IDENTIFIER_FORMS.some((form) => form.test(word))) continue;
    const core = word.replace(/\(.*$/u, "").replace(/=.*$/u, "=").toLowerCase();
    if (core.replace(/[^\p{L}\p{N}]/gu, "").length >= 2) out.add(core);
  }
  return [...out];
}

/**
 * Whether a passage spells the identifier: the whole of it, or for a dotted name its last part written as a
 * name (`timeout(` or `.timeout` for `asyncio.timeout`), since documentation often drops the module prefix.
 */
export function spellsIdentifier(passageLower: string, identifier: string): boolean {
  if (containsWhole(passageLower, identifier)) return true;
  const tail = identifier.split(/\.|::|->/u).at(-1) ?? "";
  if (tail === identifier || tail.length < 3) return false;
  return containsWhole(passageLower, `.${tail}`) || containsWhole(passageLower, `${tail}(`);
}

/** `needle` in `haystack` with no word character glued to either end. */
function containsWhole(haystack: string, needle: string): boolean {
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    const before = haystack[at - 1] ?? " ";
    const after = haystack[at + needle.length] ?? " ";
    if (!/[\p{L}\p{N}_]/u.test(before) && (!/[\p{L}\p{N}_]/u.test(after) || /\W$/u.test(needle))) return true;
  }
  return false;
}
