/** The checks every question gets: not empty after cleaning, not longer than the cap. */
import { LIMITS } from "../../core/api-schema.ts";
import { sanitizeText } from "../../core/text/normalize.ts";
import { ApiError } from "../http/errors.ts";

export function checkQuestion(raw: string): string {
  const q = sanitizeText(raw);
  if (!q) throw new ApiError(400, "empty_question", "the question is empty: type what you want to know");
  if (q.length > LIMITS.questionChars) {
    throw new ApiError(400, "question_too_long", `the question is too long (${q.length} characters; at most ${LIMITS.questionChars})`);
  }
  return q;
}
