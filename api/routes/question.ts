/** The checks every question gets: not empty after cleaning, not longer than the cap; filters free of control characters. */
import type { Filters } from "../../core/api-schema.ts";
import { LIMITS } from "../../core/api-schema.ts";
import { sanitizeText } from "../../core/text/normalize.ts";
import { ApiError } from "../http/errors.ts";

/** `param` names the field holding the question, for the errors of /v1. */
export function checkQuestion(raw: string, param = "q"): string {
  const q = sanitizeText(raw);
  if (!q) throw new ApiError(400, "empty_question", "the question is empty: type what you want to know", {}, param);
  if (q.length > LIMITS.questionChars) {
    throw new ApiError(400, "question_too_long", `the question is too long (${q.length} characters; at most ${LIMITS.questionChars})`, {}, param);
  }
  return q;
}

/** Filter values become SQL literals (quoted and escaped in core/index/where.ts); control characters are refused here, as a 400. */
export function checkFilters(filters: Filters | undefined): void {
  for (const [name, value] of Object.entries(filters ?? {})) {
    if (typeof value === "string" && /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udfff]/u.test(value)) {
      throw new ApiError(400, "invalid_request", `invalid request — ${name}: contains control characters`);
    }
  }
}
