import type { Request, RequestHandler } from "express";
import { AppError } from "../core/errors.js";

/** 415 unless the request says it carries JSON (an absent body counts as not JSON). */
export const requireJson: RequestHandler = (req: Request, _res, next) => {
  if (!req.is("application/json")) {
    const type = req.get("content-type") ?? "none";
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", `Content-Type must be application/json (got ${type})`);
  }
  next();
};
