import { Router } from "express";
import { z } from "zod";
import type { SqliteFeedbackStore } from "../feedback/feedback-store.js";
import { rateLimit } from "../rate-limit.js";
import { ASK_LIMITS } from "../../core/ask-request.js";
import { validate } from "../../core/validate.js";
import { requireJson } from "../request.js";

const MAX_ANSWER_CHARS = 20_000;
const MAX_COMMENT_CHARS = 2_000;

const FeedbackBodySchema = z.object(
  {
    id: z.string({ error: "is required and must be a string" }).regex(/^[\w-]{8,64}$/, { error: "must be 8 to 64 letters, digits, - or _" }),
    question: z.string({ error: "is required and must be a string" }).trim().min(1, { error: "must not be empty" }).max(ASK_LIMITS.questionChars),
    answer: z.string({ error: "is required and must be a string" }).max(MAX_ANSWER_CHARS),
    chunkIds: z.array(z.string().max(500), { error: "must be an array of chunk ids" }).max(20),
    rating: z.enum(["up", "down"], { error: 'must be "up" or "down"' }),
    comment: z
      .string({ error: "must be a string" })
      .trim()
      .max(MAX_COMMENT_CHARS, { error: `must be at most ${MAX_COMMENT_CHARS} characters` })
      .optional()
      .transform((s) => s || undefined),
    generator: z.string().max(200).optional(),
  },
  { error: "body must be a JSON object" },
);

/** POST /api/feedback: a reader's thumbs up/down (and optional comment) on an answer, rate limited like /api/ask. */
export function feedbackRoute(store: SqliteFeedbackStore, perMinute: number): Router {
  return Router().post("/api/feedback", rateLimit(perMinute), requireJson, (req, res) => {
    const feedback = validate(FeedbackBodySchema, req.body, "feedback");
    store.put(feedback);
    res.status(201).json({ id: feedback.id });
  });
}
