/**
 * The offline answer: plan it from the question's kind and the documents' structure, decide
 * whether the gazettes answer it at all, then compose it — or abstain, naming what is missing.
 */
import type { ChatResponse } from "../../core/api-schema.ts";
import type { Kind } from "../question/kinds.ts";
import type { UnderstoodQuery } from "../question/understand.ts";
import type { Hit } from "../retrieval/search.ts";
import { abstention } from "./abstain.ts";
import { compose } from "./compose.ts";
import type { AnswerContext } from "./context.ts";
import { planAnswer } from "./plans/choose.ts";
import type { Plan } from "./plans/plan.ts";
import type { ScopeFeatures, ScopeModel } from "./scope.ts";
import { answerProbability, scopeFeatures } from "./scope.ts";

export interface RespondInput {
  ctx: AnswerContext;
  query: UnderstoodQuery;
  hits: Hit[];
  uncoveredTopics: string[];
  followUp: boolean;
  previousAnswer: string | null;
  /** What the question it follows asked (conversation.ts). */
  askedBefore?: Kind[];
}

export interface Assessment {
  plan: Plan | null;
  features: ScopeFeatures;
  /** The scope model's probability that the gazettes answer the question. */
  probability: number;
  answerable: boolean;
}

export async function assess(input: RespondInput, model: ScopeModel): Promise<Assessment> {
  const { ctx, query, hits } = input;
  const plan = hits.length ? await planAnswer({ ctx, query, hits, previousAnswer: input.previousAnswer, askedBefore: input.askedBefore }) : null;
  const features = await scopeFeatures({ ...input, plan });
  const probability = answerProbability(model, features);
  // Hard facts before the model: nothing to quote, or a 文号 the gazettes do not have.
  const answerable = plan !== null && !features.unknownDocNumber && probability >= model.threshold;
  return { plan, features, probability, answerable };
}

export async function respond(input: RespondInput, model: ScopeModel): Promise<{ response: ChatResponse; assessment: Assessment }> {
  const assessment = await assess(input, model);
  const { plan } = assessment;
  const response = assessment.answerable && plan
    ? compose(plan.draft, input.ctx.catalog)
    : abstention(input.query, input.hits, input.ctx.catalog, input.uncoveredTopics);
  return { response, assessment };
}
