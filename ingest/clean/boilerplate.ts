/** Site chrome that web-to-text conversion leaves in articles: navigation, sharing, ads, cookie banners. */

import { isMarked } from "../text/structure-marks.js";

// Whole lines (case-insensitive, trailing punctuation ignored) that are never article text.
const BOILERPLATE_LINES = [
  /^(?:skip|jump) to (?:the )?(?:main )?(?:content|navigation|search|article)$/u,
  /^share(?: this)?(?: (?:article|story|page|post))?(?: (?:on|via) \w+)?$/u,
  /^(?:facebook|twitter|x|linkedin|whatsapp|email|e-mail|print|copy link|tweet|reddit)$/u,
  /^(?:advertisement|advert|sponsored(?: content)?|ad|promoted)$/u,
  /^(?:read|see) (?:more|next|also)\b.{0,90}$/u,
  /^(?:related|more on this story|more from|you may also like|most read|recommended|top stories)\b.{0,60}$/u,
  /^(?:back to top|log ?in|sign ?in|sign up|register|menu|search|close|home|subscribe|newsletter)$/u,
  /^(?:subscribe|sign up)\b.{0,80}\bnewsletters?\b.{0,40}$/u,
  /^listen to this (?:article|story)(?: \d+ min(?:ute)?s?)?$/u,
  /^\d+ min(?:ute)?s? read$/u,
  /^(?:image|photo|video)(?: source| caption| credit)?\s*[:,].{0,100}$/u,
  /^(?:©|\(c\)|copyright\b).{0,150}$/u,
  /^all rights reserved$/u,
];
const COOKIE_NOTICE =
  /\bcookies?\b.*\b(?:accept|consent|use|policy|settings|preferences|agree)\b|\b(?:accept|consent|use|policy|settings|preferences|agree)\b.*\bcookies?\b/u;

const TRAILING = /[\s.:!|›»>•·-]/u;

export function isBoilerplate(line: string): boolean {
  // Trailing punctuation is cut by a backward scan: a regex anchored at the end tries every start in a long line.
  let end = line.length;
  while (end > 0 && TRAILING.test(line[end - 1]!)) end--;
  const key = line.slice(0, end).trim().toLowerCase();
  if (BOILERPLATE_LINES.some((re) => re.test(key))) return true;
  return key.length < 300 && COOKIE_NOTICE.test(key);
}

/** Drops boilerplate lines and a line that repeats the previous non-blank line exactly (doubled captions). */
export function dropBoilerplate(lines: string[]): string[] {
  const kept: string[] = [];
  let previous = "";
  for (const line of lines) {
    if (line && !isMarked(line) && (line === previous || isBoilerplate(line))) continue;
    kept.push(line);
    if (line) previous = line;
  }
  return kept;
}
