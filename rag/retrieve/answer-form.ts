/**
 * Answer forms: when a question asks for a measure (a share, a duration, a sum of money), its answer is written
 * in a recognisable form ("77%", "three years", "€200 billion") whatever words surround it. A passage holding
 * that form can answer; one without it cannot, however many question words it shares. Classic QA systems
 * filter on this answer type; the hybrid retriever uses it as one more feature. Only forms that few passages
 * hold are worth it: nearly every passage has a date or a number.
 */
export type AnswerForm = "share" | "duration" | "money" | Definition;

/** What "what is X?" asks for: a sentence saying what X is ("A virtual environment is a self-contained …"). */
export interface Definition {
  defines: RegExp;
}

const AUX = "(?:has|have|had|did|does|do|will|would|can|could)";
const QUESTION_FORMS: readonly [AnswerForm, RegExp][] = [
  ["share", /\b(?:what|which) (?:share|proportion|percentage|fraction)\b|\bhow many per ?cent\b|\bwhat per ?cent\b/iu],
  ["duration", new RegExp(String.raw`\bhow long ${AUX}\b|\bfor how long\b|\bhow many (?:years|months|weeks|days|hours|minutes|decades)\b`, "iu")],
  [
    "money",
    new RegExp(
      String.raw`\bhow much (?:money|aid|funding|funds|cash)\b|\bhow much ${AUX}\b[^?]*\b(?:pay|paid|cost|spend|spent|pledge|pledged|invest|invested|lend|lent|owe)\b|\bwhat (?:sum|amount)\b`,
      "iu",
    ),
  ],
];

const COUNT = String.raw`(?:\d[\d,.]*|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|several|many|few|a few)`;
/** A sum of money: "€200 billion", "$500bn", "80.5 billion", "millions of dollars". */
export const MONEY = /[$€£¥]\s?\d|\d\s?(?:bn|billion|million|trillion)\b|\b(?:dollars|euros|pounds)\b/iu;
const TEXT_FORMS: Readonly<Record<Exclude<AnswerForm, Definition>, RegExp>> = {
  share: /\d\s?%|\bper ?cent\b|\bpercentage points?\b/iu,
  duration: new RegExp(String.raw`\b${COUNT}[\s-]+(?:years?|months?|weeks?|days?|hours?|minutes?|decades?)\b`, "iu"),
  money: MONEY,
};

/** The form the question's answer takes, if it asks for one of the measures above or for what something is. */
export function expectedForm(question: string): AnswerForm | undefined {
  const defines = definitionPattern(question);
  return defines ? { defines } : QUESTION_FORMS.find(([, re]) => re.test(question))?.[0];
}

export function hasForm(text: string, form: AnswerForm): boolean {
  return typeof form === "string" ? TEXT_FORMS[form].test(text) : form.defines.test(text);
}

// "What is (a/the) X (in Python)?": X in at most four words, a trailing "in …" naming only where to look.
const WHAT_IS = /^\W*what(?:'s| is| are) (?:an? |the )?([^\s?,]+(?: [^\s?,]+){0,3}?)(?: (?:in|on) [^?,]+)?\s*\??\s*$/iu;
const QUALIFIERS = /\b(?:of|for|to|with|when|if|does|do|between|and|or)\b/iu;

/**
 * For "what is X?", a pattern for a sentence that says what X is: X (its last word possibly plural) opening a
 * sentence, after an article, then "is", "are", "refers to" or "means"; or X in apposition ("a virtual environment,
 * a self-contained directory tree"). Undefined for other questions.
 */
export function definitionPattern(question: string): RegExp | undefined {
  const term = WHAT_IS.exec(question.trim())?.[1];
  if (!term || QUALIFIERS.test(term)) return undefined;
  const words = term.split(" ").map((w) => w.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&"));
  const x = String.raw`${words.join(String.raw`\s+`)}s?`;
  // "A virtual environment is a …" opening a sentence, or the apposition "… a virtual environment, a self-contained …".
  return new RegExp(String.raw`(?:^|[.!?:]\s+|\n\s*)(?:an?\s+|the\s+)?${x}\s+(?:is|are|refers\s+to|means)\b|\b(?:an?|the)\s+${x},\s+(?:an?|the)\s+\w`, "iu");
}
