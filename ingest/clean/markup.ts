/** Inline markup that web-to-text converters and Markdown leave in prose: emphasis marks, escapes, stray tags. */

// Paired emphasis around non-space text, not inside words (snake_case, 2*3*4 stay). Double underscores around one
// word, or underscores around a snake_case word, are a name (__init__, _var_name_), not emphasis.
const EMPHASIS = /(?<![\\\p{L}\p{N}*_~])(\*\*|__|\*|_|~~)(?=\S)(.+?)(?<=[^\s\\])\1(?![\p{L}\p{N}*_~])/gu;
const UNDERSCORES = /^_+$/u;
const INLINE_TAG = /<\/?(?:a|abbr|b|br|cite|code|del|em|font|i|ins|mark|q|s|small|span|strong|sub|sup|u)(?:\s[^<>]*)?\/?>/giu;
// A doubled backslash is left alone: in plain text it is a path or a TeX line break, not an escape.
const ESCAPE = /\\([`*_{}[\]()#+\-.!$|~<>"'])/gu;

export function stripInlineMarkup(text: string): string {
  return text
    .replace(INLINE_TAG, "")
    .replace(EMPHASIS, (match: string, mark: string, inner: string) => (isName(mark, inner) ? match : inner))
    .replace(ESCAPE, "$1");
}

function isName(mark: string, inner: string): boolean {
  return UNDERSCORES.test(mark) && !/\s/u.test(inner) && (mark.length > 1 || inner.includes("_"));
}
