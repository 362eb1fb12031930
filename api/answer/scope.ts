/**
 * Whether the gazettes answer a question: one calibrated decision on signals that do not
 * depend on the question's exact words — is its topic in the served gazettes at all, how
 * strong and how clear is retrieval, does the evidence state the kind of fact asked. A
 * logistic model over these features, trained by `npm run eval:scope` on labelled questions
 * with cross-validation grouped by document (eval/scope/), is read from scope-model.json.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { placeNames } from "../../core/text/segment.ts";
import { termWeight } from "../../core/text/terms.ts";
import { FACT_KINDS } from "../question/kinds.ts";
import type { UnderstoodQuery } from "../question/understand.ts";
import { alternativesOf } from "../question/understand.ts";
import type { Hit } from "../retrieval/search.ts";
import type { AnswerContext } from "./context.ts";
import type { Plan } from "./plans/plan.ts";

export const FEATURES = [
  "topicAbsent", "uncoveredTopic", "topCoverage", "evidenceCoverage", "statesAsked", "asksFact", "margin", "similarity", "bm25",
  "namedDocument", "unknownDocNumber", "yearAbsent", "unknownPlace", "structured", "topicTerms", "followUp",
] as const;
export type Feature = (typeof FEATURES)[number];
export type ScopeFeatures = Record<Feature, number>;

/** Topic words lighter than this (single characters, 工作, 推进) say nothing about scope. */
const MIN_TOPIC_WEIGHT = 0.5;

function weightedShare(query: UnderstoodQuery, terms: string[], holds: (words: string[]) => boolean | Promise<boolean>): Promise<number> {
  const weighed = terms.map((t) => ({ t, w: termWeight(t) })).filter((x) => x.w >= MIN_TOPIC_WEIGHT);
  const total = weighed.reduce((s, x) => s + x.w, 0);
  if (total === 0) return Promise.resolve(0);
  return Promise.all(weighed.map((x) => holds([x.t, ...alternativesOf(query, x.t)]))).then((held) => weighed.reduce((s, x, i) => s + (held[i] ? x.w : 0), 0) / total);
}

export interface ScopeInput {
  ctx: AnswerContext;
  query: UnderstoodQuery;
  hits: Hit[];
  plan: Plan | null;
  uncoveredTopics: string[];
  followUp: boolean;
}

export async function scopeFeatures({ ctx, query, hits, plan, uncoveredTopics, followUp }: ScopeInput): Promise<ScopeFeatures> {
  const topic = query.topic.length ? query.topic : query.terms;
  const top = hits[0];
  const topText = top ? `${top.document.title} ${top.passage.heading} ${top.passage.text}`.toLowerCase() : "";
  const held = await weightedShare(query, topic, (words) => ctx.holds(words));
  const topCoverage = await weightedShare(query, topic, (words) => words.some((w) => topText.includes(w.toLowerCase())));
  const secondDoc = hits.find((h) => h.document.id !== top?.document.id);
  const years = new Set(ctx.catalog.issues.map((i) => i.year));
  const hitText = hits.map((h) => `${h.document.title}${h.passage.text}`).join("");
  return {
    topicAbsent: topic.length ? 1 - held : 0,
    uncoveredTopic: uncoveredTopics.length ? 1 : 0,
    topCoverage,
    evidenceCoverage: plan?.coverage ?? 0,
    statesAsked: plan?.statesAsked ? 1 : 0,
    asksFact: query.kinds.some((k) => FACT_KINDS.includes(k)) || query.figures.length ? 1 : 0,
    margin: top && secondDoc && top.score > 0 ? (top.score - secondDoc.score) / top.score : top ? 1 : 0,
    similarity: top?.similarity ?? 0,
    bm25: Math.log1p(top?.bm25 ?? 0),
    namedDocument: query.namedDocuments.length ? 1 : 0,
    unknownDocNumber: query.unknownDocNumbers.length && !query.namedDocuments.length ? 1 : 0,
    // A year the question names that no issue is from and no retrieved text mentions.
    yearAbsent: query.years.some((y) => !years.has(y) && !hitText.includes(String(y))) ? 1 : 0,
    unknownPlace: placeNames(query.text).some((p) => !hitText.includes(p) && !hitText.includes(p.replace(/[市县区省]$/u, ""))) ? 1 : 0,
    structured: plan && plan.kind !== "facts" ? 1 : 0,
    topicTerms: Math.log1p(topic.length),
    followUp: followUp ? 1 : 0,
  };
}

export const ScopeModelSchema = z.object({
  features: z.array(z.enum(FEATURES)),
  mean: z.array(z.number()),
  scale: z.array(z.number()),
  weights: z.array(z.number()),
  bias: z.number(),
  /** Answer when the probability of "answerable" reaches this (chosen in training for a bounded false-abstention rate). */
  threshold: z.number(),
  /** How it was trained and what cross-validation measured, for the record. */
  trained: z.record(z.string(), z.unknown()),
}).refine((m) => m.mean.length === m.features.length && m.scale.length === m.features.length && m.weights.length === m.features.length, "one mean, scale and weight per feature");
export type ScopeModel = z.infer<typeof ScopeModelSchema>;

export function answerProbability(model: ScopeModel, f: ScopeFeatures): number {
  let z = model.bias;
  model.features.forEach((name, i) => { z += model.weights[i]! * ((f[name] - model.mean[i]!) / (model.scale[i]! || 1)); });
  return 1 / (1 + Math.exp(-z));
}

export const SCOPE_MODEL_FILE = new URL("./scope-model.json", import.meta.url);

export function loadScopeModel(file: URL | string = SCOPE_MODEL_FILE): ScopeModel {
  return ScopeModelSchema.parse(JSON.parse(readFileSync(file, "utf8")));
}
