import type { RequestHandler } from "express";
import { rateLimit as expressRateLimit } from "express-rate-limit";
import { AppError } from "../core/errors.js";

/** Per-client (IP) limit on the answering endpoints; 0 turns it off. Refusals use the JSON error shape. */
export function rateLimit(perMinute: number): RequestHandler {
  if (perMinute === 0) return (_req, _res, next) => next();
  return expressRateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    handler: (_req, _res, next) => {
      next(new AppError("RATE_LIMITED", `Too many requests: at most ${perMinute} per minute; try again shortly`));
    },
  });
}
