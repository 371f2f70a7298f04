export type AbstentionOutcome = "answered" | "abstained" | "false-abstention" | "false-answer";

/**
 * Whether the bot answered when it should and abstained when it should. A false abstention on an
 * answerable question also scores 0 for fact recall (see factRecall).
 */
export function abstentionOutcome(answerable: boolean, abstained: boolean): AbstentionOutcome {
  if (answerable) return abstained ? "false-abstention" : "answered";
  return abstained ? "abstained" : "false-answer";
}

export const abstentionCorrect = (outcome: AbstentionOutcome): boolean => outcome === "answered" || outcome === "abstained";
