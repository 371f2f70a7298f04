import type { Request, RequestHandler } from "express";
import { z } from "zod";
import { AppError } from "../core/errors.js";
import type { AskRequest } from "../core/types.js";

export const MAX_QUESTION_CHARS = 2000;
const MAX_HISTORY_TURNS = 20;
const MAX_TURN_CHARS = 8000;

const TurnSchema = z.object({
  role: z.enum(["user", "assistant"], { error: 'must be "user" or "assistant"' }),
  content: z.string({ error: "must be a string" }).max(MAX_TURN_CHARS, { error: `must be at most ${MAX_TURN_CHARS} characters` }),
});

/** The body of POST /api/ask and /api/chat (issue 3's fixed contract). Unknown keys are ignored. */
export const AskBodySchema = z.object(
  {
    question: z
      .string({ error: "is required and must be a string" })
      .trim()
      .min(1, { error: "must not be empty" })
      .max(MAX_QUESTION_CHARS, { error: `must be at most ${MAX_QUESTION_CHARS} characters` }),
    topK: z
      .number({ error: "must be a number" })
      .int({ error: "must be an integer" })
      .min(1, { error: "must be from 1 to 20" })
      .max(20, { error: "must be from 1 to 20" })
      .optional(),
    history: z
      .array(TurnSchema, { error: "must be an array of { role, content } turns" })
      .max(MAX_HISTORY_TURNS, { error: `must hold at most ${MAX_HISTORY_TURNS} turns` })
      .optional(),
  },
  { error: "body must be a JSON object" },
);

/** Validates a parsed JSON body; the error message names every bad field by its path. */
export function parseAskBody(body: unknown): AskRequest {
  return parseBody(AskBodySchema, body, "request");
}

/** Validates `body` with `schema`; a failure is 400 BAD_REQUEST naming every bad field ("Invalid <what>: …"). */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message));
  throw new AppError("BAD_REQUEST", `Invalid ${what}: ${problems.join("; ")}`, { details: problems });
}

/** 415 unless the request says it carries JSON (an absent body counts as not JSON). */
export const requireJson: RequestHandler = (req: Request, _res, next) => {
  if (!req.is("application/json")) {
    const type = req.get("content-type") ?? "none";
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", `Content-Type must be application/json (got ${type})`);
  }
  next();
};
