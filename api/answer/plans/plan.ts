/** An answer plan: the draft a kind of question gets, with the evidence signals the scope decision reads. */
import type { Kind } from "../../question/kinds.ts";
import type { UnderstoodQuery } from "../../question/understand.ts";
import type { Hit } from "../../retrieval/search.ts";
import type { Draft } from "../compose.ts";
import type { AnswerContext } from "../context.ts";

export type PlanKind = "issue" | "summary" | "list" | "facts";

export interface Plan {
  kind: PlanKind;
  draft: Draft;
  /** Share of the question's weighted terms the best evidence holds (0–1). */
  coverage: number;
  /** The evidence states the kind of fact asked (a figure for 多少, a date for 什么时候…). */
  statesAsked: boolean;
  /** Quotes in the draft. */
  items: number;
}

export interface PlanInput {
  ctx: AnswerContext;
  query: UnderstoodQuery;
  hits: Hit[];
  /** The previous answer of the conversation, when the question follows up on it: not to be repeated. */
  previousAnswer: string | null;
  /** What the question it follows asked: a sentence already quoted is narrowed to what is asked anew. */
  askedBefore?: readonly Kind[];
}
