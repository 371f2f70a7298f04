import type { z } from "zod";
import { AppError } from "./errors.js";

/** Checks `value` with `schema`; a failure is BAD_REQUEST naming every bad field by its path ("Invalid <what>: …"). */
export function validate<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message));
  throw new AppError("BAD_REQUEST", `Invalid ${what}: ${problems.join("; ")}`, { details: problems });
}
