/**
 * Answer forms: when a question asks for a measure (a share, a duration, a sum of money), its answer is written
 * in a recognisable form ("77%", "three years", "€200 billion") whatever words surround it. A passage holding
 * that form can answer; one without it cannot, however many question words it shares. Classic QA systems
 * filter on this answer type; the hybrid retriever uses it as one more feature. Only forms that few passages
 * hold are worth it: nearly every passage has a date or a number.
 */
export type AnswerForm = "share" | "duration" | "money";

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
const TEXT_FORMS: Readonly<Record<AnswerForm, RegExp>> = {
  share: /\d\s?%|\bper ?cent\b|\bpercentage points?\b/iu,
  duration: new RegExp(String.raw`\b${COUNT}[\s-]+(?:years?|months?|weeks?|days?|hours?|minutes?|decades?)\b`, "iu"),
  money: MONEY,
};

/** The form the question's answer takes, if it asks for one of the measures above. */
export function expectedForm(question: string): AnswerForm | undefined {
  return QUESTION_FORMS.find(([, re]) => re.test(question))?.[0];
}

export function hasForm(text: string, form: AnswerForm): boolean {
  return TEXT_FORMS[form].test(text);
}
