/** Inline markup that web-to-text converters and Markdown leave in prose: emphasis marks, escapes, stray tags. */

// Paired emphasis around non-space text, not inside words (snake_case, 2*3*4 stay).
const EMPHASIS = /(?<![\\\p{L}\p{N}*_~])(\*\*|__|\*|_|~~)(?=\S)(.+?)(?<=[^\s\\])\1(?![\p{L}\p{N}*_~])/gu;
const INLINE_TAG = /<\/?(?:a|abbr|b|br|cite|code|del|em|font|i|ins|mark|q|s|small|span|strong|sub|sup|u)(?:\s[^<>]*)?\/?>/giu;
const ESCAPE = /\\([\\`*_{}[\]()#+\-.!$|~<>"'])/gu;

export function stripInlineMarkup(text: string): string {
  return text.replace(INLINE_TAG, "").replace(EMPHASIS, "$2").replace(ESCAPE, "$1");
}
