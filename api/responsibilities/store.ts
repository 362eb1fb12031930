/**
 * The served run's responsibilities: read from `tasks_<runId>` (small: a few hundred rows),
 * held per run, and the unit catalogue built from them. Unit lookups go through the table's
 * space-padded `units` column and `year`/`kind` filter columns.
 */
import type { Table } from "@lancedb/lancedb";
import { sqlString } from "../../core/index/where.ts";
import type { EffectiveRecord, ResponsibilityRecord, TaskRecord, UnitRole } from "../../core/tasks.ts";
import { ResponsibilityRecordSchema } from "../../core/tasks.ts";
import { unitAliases } from "../../core/units.ts";
import type { OpenRun } from "../index/live-index.ts";

export interface UnitInfo {
  name: string;
  /** Other names it goes by: the lexicon's, and the wordings seen in the gazettes. */
  aliases: string[];
  tasks: number;
  roles: Record<UnitRole, number>;
  years: number[];
}

export interface Responsibilities {
  tasks: TaskRecord[];
  effective: EffectiveRecord[];
  units: UnitInfo[];
  byId: Map<string, TaskRecord>;
}

const EMPTY: Responsibilities = { tasks: [], effective: [], units: [], byId: new Map() };

function parseRows(rows: Record<string, unknown>[]): ResponsibilityRecord[] {
  return rows.flatMap((r) => {
    const parsed = ResponsibilityRecordSchema.safeParse(JSON.parse(String(r.json)));
    return parsed.success ? [parsed.data] : [];
  });
}

export function unitCatalogue(tasks: TaskRecord[]): UnitInfo[] {
  const lexicon = new Map(unitAliases().entries.map((e) => [e.name, e.aliases]));
  const out = new Map<string, UnitInfo & { surfaces: Set<string>; yearSet: Set<number> }>();
  for (const t of tasks) {
    for (const u of t.units) {
      const info = out.get(u.name) ?? {
        name: u.name, aliases: [], tasks: 0, roles: { lead: 0, cooperate: 0, responsible: 0 }, years: [], surfaces: new Set<string>(), yearSet: new Set<number>(),
      };
      info.tasks++;
      info.roles[u.role]++;
      info.yearSet.add(t.year);
      if (u.surface && u.surface !== u.name) info.surfaces.add(u.surface);
      out.set(u.name, info);
    }
  }
  return [...out.values()]
    .map(({ surfaces, yearSet, ...info }) => ({
      ...info,
      aliases: [...new Set([...(lexicon.get(info.name) ?? []), ...surfaces])].filter((a) => a !== info.name),
      years: [...yearSet].sort((a, b) => b - a),
    }))
    .sort((a, b) => b.tasks - a.tasks || a.name.localeCompare(b.name, "zh"));
}

const cache = new Map<string, Promise<Responsibilities>>();

/** All responsibilities of the run, read once per run. */
export function loadResponsibilities(run: OpenRun): Promise<Responsibilities> {
  const table = run.tasks;
  if (!table) return Promise.resolve(EMPTY);
  const key = run.run.run_id;
  let hit = cache.get(key);
  if (!hit) {
    hit = (async () => {
      const records = parseRows((await table.query().select(["json"]).limit(1_000_000).toArray()) as Record<string, unknown>[]);
      const tasks = records.filter((r): r is TaskRecord => r.kind === "task");
      const effective = records.filter((r): r is EffectiveRecord => r.kind === "effective");
      return { tasks, effective, units: unitCatalogue(tasks), byId: new Map(tasks.map((t) => [t.id, t])) };
    })();
    hit.catch(() => cache.delete(key));
    cache.set(key, hit);
    while (cache.size > 3) cache.delete(cache.keys().next().value!);
  }
  return hit;
}

/** Tasks naming any of `names` (normal forms), optionally of one year: a filtered read of the table. */
export async function queryTasks(table: Table | null, opts: { names: string[]; year?: number }): Promise<TaskRecord[]> {
  if (!table || opts.names.length === 0) return [];
  const units = opts.names.map((n) => `units LIKE ${sqlString(`% ${n} %`)}`).join(" OR ");
  const where = [`kind = 'task'`, `(${units})`, ...(opts.year !== undefined ? [`year = ${Math.trunc(opts.year)}`] : [])].join(" AND ");
  const rows = (await table.query().where(where).select(["json"]).limit(100_000).toArray()) as Record<string, unknown>[];
  return parseRows(rows).filter((r): r is TaskRecord => r.kind === "task");
}
