/** GET /api/units, GET /api/responsibilities?unit=…[&year=…][&q=…] */
import { Hono } from "hono";
import { z } from "zod";
import type { TaskRecord } from "../../core/tasks.ts";
import { UnitRoleSchema } from "../../core/tasks.ts";
import type { AppDeps } from "../deps.ts";
import { parseWith, requireRun } from "../routes/util.ts";
import { resolveUnit } from "./names.ts";
import type { TaskOut } from "./present.ts";
import { byDocumentOrder, presentTask, topicScore, weightedTerms } from "./present.ts";
import { loadResponsibilities, queryTasks } from "./store.ts";

const text = (max: number, what: string) =>
  z.string().trim().min(1, `${what} must not be empty`).max(max, `${what} is at most ${max} characters`).regex(/^[^\u0000-\u001f\u007f]*$/u, `${what} has control characters`);

export const ResponsibilitiesQuerySchema = z
  .object({
    unit: text(40, "unit").optional(),
    year: z.coerce.number().int().min(1949).max(2100).optional(),
    q: text(200, "q").optional(),
    role: UnitRoleSchema.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict()
  .refine((v) => v.unit !== undefined || v.q !== undefined, { message: "give a unit (e.g. unit=市交通运输局) or words to look for (q=…)", path: ["unit"] });

export const UnitsQuerySchema = z.object({ year: z.coerce.number().int().min(1949).max(2100).optional() }).strict();

export function responsibilityRoutes(deps: AppDeps): Hono {
  const app = new Hono();

  app.get("/units", async (c) => {
    const { year } = parseWith(UnitsQuerySchema, c.req.query());
    const run = requireRun(deps.index);
    const all = await loadResponsibilities(run);
    const units = year === undefined ? all.units : all.units.filter((u) => u.years.includes(year)).map((u) => ({
      ...u, tasks: all.tasks.filter((t) => t.year === year && t.units.some((x) => x.name === u.name)).length,
    }));
    return c.json({ units: units.map(({ name, aliases, tasks, roles, years }) => ({ name, aliases, tasks, roles, years })) });
  });

  app.get("/responsibilities", async (c) => {
    const query = parseWith(ResponsibilitiesQuerySchema, c.req.query());
    const run = requireRun(deps.index);
    const all = await loadResponsibilities(run);
    const match = query.unit !== undefined ? resolveUnit(query.unit, all.units) : null;
    let tasks: TaskRecord[];
    if (match) tasks = await queryTasks(run.tasks, { names: match.names, year: query.year });
    else tasks = all.tasks.filter((t) => query.year === undefined || t.year === query.year);
    if (match && query.role) tasks = tasks.filter((t) => t.units.some((u) => match.names.includes(u.name) && u.role === query.role));
    tasks.sort(byDocumentOrder(run.catalog));
    if (query.q !== undefined) {
      const terms = weightedTerms(query.q);
      const scored = tasks.map((t) => ({ t, s: topicScore(t, terms, run.catalog.document(t.documentId)?.title ?? "") }));
      tasks = scored.filter((x) => x.s > 0).sort((a, b) => b.s - a.s).map((x) => x.t);
    }
    const out = tasks.slice(0, query.limit).flatMap((t) => presentTask(t, run.catalog) ?? []) satisfies TaskOut[];
    return c.json({
      tasks: out,
      total: tasks.length,
      ...(match ? { unit: { query: query.unit, matched: match.names, how: match.how } } : {}),
    });
  });

  return app;
}
