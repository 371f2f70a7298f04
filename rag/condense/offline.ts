import type { Turn } from "../../core/types.js";
import { contentTerms } from "../../ingest/index.js";
import { namedEntities, surfaceWords } from "../answer/entities.js";
import { standalone, toQuery, type StandaloneQuestion } from "./condense.js";

/**
 * Offline follow-up rewriting: "and what did he say about NATO?" after "What did Hegseth say about
 * Ukraine's borders?" carries "Hegseth Ukraine", so that retrieval can answer the query
 * "and what did he say about NATO? (Hegseth Ukraine)" on its own. A question that stands alone carries nothing.
 *
 * What is carried from the previous question depends on what the follow-up lacks:
 * - "he/she/him/her" points to a person: its names;
 * - "it/they/those…" (or a closing "that/this") points to a thing: its names and key words;
 * - an ellipsis ("and what about X?", "why?"): its key words, and its names unless X is a name.
 */
export function rewriteFollowUp(question: string, history: readonly Turn[]): StandaloneQuestion {
  const previous = lastStandaloneQuestion(history);
  if (!previous) return standalone(question);
  const words = question.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  const person = words.some((w) => PERSON_PRONOUNS.has(w));
  const thing = words.some((w) => THING_PRONOUNS.has(w)) || /\b(?:that|this)\s*[?.!]*\s*$/iu.test(question);
  const own = new Set(contentTerms(question));
  const elliptic = ELLIPSIS.test(question.trim()) || own.size <= 1;
  if (!person && !thing && !elliptic) return standalone(question);

  const ownNames = namedEntities(question);
  const names = new Set(namedEntities(previous));
  const keywords = new Set(contentTerms(previous).filter((t) => !names.has(t)));
  const carry = new Set([...(person || thing || ownNames.length === 0 ? names : []), ...(thing || elliptic ? keywords : [])]);
  for (const t of own) carry.delete(t);
  const carried = surfaceWords(previous, carry);
  return carried.length > 0 ? { question: question.trim(), carried } : standalone(question);
}

const PERSON_PRONOUNS = new Set("he him his she her hers himself herself".split(" "));
const THING_PRONOUNS = new Set("it its they them their theirs those these".split(" "));
// "and what about …", "what about …", "how about …", "and when?", "also …".
const ELLIPSIS = /^(?:and|also|but|so)\b|^(?:what|how) about\b/iu;

/** The last user question as a query, itself made standalone against the turns before it (chains of follow-ups). */
function lastStandaloneQuestion(history: readonly Turn[]): string | undefined {
  const last = history.findLastIndex((t) => t.role === "user");
  if (last < 0) return undefined;
  return toQuery(rewriteFollowUp(history[last]!.content, history.slice(0, last)));
}
