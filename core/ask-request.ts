import { z } from "zod";
import type { AskRequest } from "./types.js";
import { validate } from "./validate.js";

/** The bounds of one question, in one place: the HTTP routes, the engine and the TOP_K setting all use them. */
export const ASK_LIMITS = { questionChars: 2000, topK: 20, historyTurns: 20, turnChars: 8000 } as const;

const { questionChars, topK, historyTurns, turnChars } = ASK_LIMITS;

const TurnSchema = z.object({
  role: z.enum(["user", "assistant"], { error: 'must be "user" or "assistant"' }),
  content: z.string({ error: "must be a string" }).max(turnChars, { error: `must be at most ${turnChars} characters` }),
});

/** A question with its optional topK and history (the body of POST /api/ask and /api/chat). Unknown keys are ignored. */
export const AskRequestSchema = z.object(
  {
    question: z
      .string({ error: "is required and must be a string" })
      .trim()
      .min(1, { error: "must not be empty" })
      .max(questionChars, { error: `must be at most ${questionChars} characters` }),
    topK: z
      .number({ error: "must be a number" })
      .int({ error: "must be an integer" })
      .min(1, { error: `must be from 1 to ${topK}` })
      .max(topK, { error: `must be from 1 to ${topK}` })
      .optional(),
    history: z
      .array(TurnSchema, { error: "must be an array of { role, content } turns" })
      .max(historyTurns, { error: `must hold at most ${historyTurns} turns` })
      .optional(),
  },
  { error: "body must be a JSON object" },
);

/** The request within its bounds, or BAD_REQUEST naming every bad field. */
export function parseAskRequest(value: unknown): AskRequest {
  return validate(AskRequestSchema, value, "request");
}
