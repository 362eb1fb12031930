/** Which plan answers a question: by the kinds it asks and what it names, most specific first. */
import { FACT_KINDS } from "../../question/kinds.ts";
import { factsPlan } from "./facts.ts";
import { issuePlan } from "./issue.ts";
import { listPlan } from "./list.ts";
import type { Plan, PlanInput } from "./plan.ts";
import { summaryPlan } from "./summary.ts";

export async function planAnswer(input: PlanInput): Promise<Plan | null> {
  const { query, hits } = input;
  const kinds = query.kinds;
  const named = query.namedDocuments;
  // An issue's contents: "2020年第3号公报收录了哪些领导讲话？"
  if (query.issues.length === 1 && named.length === 0 && (kinds.includes("list") || kinds.includes("summary"))) {
    const plan = await issuePlan(input, query.issues[0]!);
    if (plan) return plan;
  }
  // A document's outline: asked for, or a document named with nothing else asked of it.
  const summaryOf = kinds.includes("summary") ? (named[0] ?? hits[0]?.document) : named.length === 1 && query.topic.length === 0 && kinds.length === 0 ? named[0] : undefined;
  if (summaryOf) {
    const plan = await summaryPlan(input, summaryOf);
    if (plan) return plan;
  }
  // Conditions, steps, or a list of things (not a list of units or figures: those are facts).
  const sectionKinds = kinds.filter((k) => k === "condition" || k === "procedure");
  if (sectionKinds.length || (kinds.includes("list") && !kinds.some((k) => FACT_KINDS.includes(k)))) {
    const plan = await listPlan(input, sectionKinds);
    if (plan) return plan;
  }
  return factsPlan(input);
}
