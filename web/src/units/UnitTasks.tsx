import { useEffect, useRef, useState } from "react";
import { toErrorInfo } from "../api/errors.ts";
import { useApi } from "../api/useApi.ts";
import { ErrorBanner } from "../common/ErrorBanner.tsx";
import type { ReaderTarget } from "../reader/useReader.ts";
import { groupTasks, rolesOf } from "./group.ts";
import { unitTerms } from "./match.ts";
import { TaskCard } from "./TaskCard.tsx";
import type { TasksResponse, UnitRole, UnitSummary } from "./types.ts";
import { ROLE_LABEL, ROLE_ORDER } from "./types.ts";
import { MetaLine } from "../common/MetaLine.tsx";

interface Props {
  /** The unit's name as picked, or as typed when looked up on the server. */
  name: string;
  units: UnitSummary[];
  /** Moves focus to the heading once the tasks have loaded (after a pick, not on first show). */
  focusKey: number;
  onOpen(target: ReaderTarget): void;
  onAsk(question: string): void;
}

/** Enough for every unit of the gazettes; the server caps the list and says how many there were. */
const LIMIT = 500;

export function tasksPath(unit: string, year: number | null, q: string): string {
  const params = new URLSearchParams({ unit });
  if (year !== null) params.set("year", String(year));
  if (q) params.set("q", q);
  params.set("limit", String(LIMIT));
  return `/api/responsibilities?${params}`;
}

/** The tasks the gazettes give one unit, by year and document, with filters by year, role and words. */
export function UnitTasks({ name, units, focusKey, onOpen, onAsk }: Props) {
  const [year, setYear] = useState<number | null>(null);
  const [role, setRole] = useState<UnitRole | "">("");
  const [draft, setDraft] = useState("");
  const [q, setQ] = useState("");
  const { data, error, loading, reload } = useApi<TasksResponse>(tasksPath(name, year, q));
  const heading = useRef<HTMLHeadingElement>(null);
  const focused = useRef(0);

  const unit = units.find((u) => u.name === name);
  const names = data?.unit?.matched.length ? data.unit.matched : [name];
  const terms = unitTerms(names, units);
  const all = data?.tasks ?? [];
  const counts = new Map<UnitRole, number>();
  for (const t of all) for (const r of rolesOf(t, names)) counts.set(r, (counts.get(r) ?? 0) + 1);
  const tasks = role ? all.filter((t) => rolesOf(t, names).includes(role)) : all;
  const groups = groupTasks(tasks);
  const years = [...new Set([...(unit?.years ?? []), ...all.map((t) => t.issue.year), ...(year ? [year] : [])])].sort((a, b) => b - a);
  const status = loading ? "loading" : error ? "error" : "done";

  useEffect(() => {
    if (status === "done" && focusKey !== focused.current) {
      focused.current = focusKey;
      heading.current?.focus({ preventScroll: true });
      heading.current?.scrollIntoView?.({ block: "nearest" });
    }
  }, [status, focusKey]);

  const looked = data?.unit && data.unit.matched.length > 0 && !data.unit.matched.includes(name);
  return (
    <section className="unit-tasks" aria-labelledby="unit-title" data-testid="unit-tasks" data-status={status} aria-busy={loading}>
      <header className="unit-head">
        <h2 id="unit-title" ref={heading} tabIndex={-1}>
          {name}
        </h2>
        {looked && <p className="unit-aliases">按“{name}”找到：{data.unit!.matched.join("、")}</p>}
        {unit && unit.aliases.length > 0 && <p className="unit-aliases">又称：{unit.aliases.join("、")}</p>}
        <p className="unit-summary" aria-live="polite">
          {loading
            ? "正在查找任务…"
            : data &&
              (all.length === 0
                ? q || year
                  ? "没有符合筛选条件的任务。"
                  : "已收录的公报中没有找到交给这个单位的任务。"
                : `共 ${data.total ?? all.length} 项任务：${ROLE_ORDER.filter((r) => counts.has(r))
                    .map((r) => `${ROLE_LABEL[r]} ${counts.get(r)}`)
                    .join(" · ")}`)}
        </p>
        {data?.total !== undefined && data.total > all.length && (
          <p className="unit-aliases">只列出了前 {all.length} 项。</p>
        )}
        <div className="unit-filters" role="group" aria-label="筛选任务">
          <label className={year ? "chip is-set" : "chip"}>
            <span className="visually-hidden">年份</span>
            <select value={year ?? ""} onChange={(e) => setYear(e.target.value ? Number(e.target.value) : null)}>
              <option value="">全部年份</option>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}年
                </option>
              ))}
            </select>
          </label>
          <label className={role ? "chip is-set" : "chip"}>
            <span className="visually-hidden">角色</span>
            <select value={role} onChange={(e) => setRole(e.target.value as UnitRole | "")}>
              <option value="">全部角色</option>
              {ROLE_ORDER.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABEL[r]}
                  {counts.has(r) ? `（${counts.get(r)}）` : ""}
                </option>
              ))}
            </select>
          </label>
          <form
            className="unit-words"
            role="search"
            onSubmit={(e) => {
              e.preventDefault();
              setQ(draft.trim());
            }}
          >
            <label>
              <span className="visually-hidden">按内容筛选任务</span>
              <input type="search" value={draft} placeholder="按内容筛选，如 公交" onChange={(e) => setDraft(e.target.value)} />
            </label>
            <button type="submit" className="ghost-button">
              筛选
            </button>
          </form>
          {(year || role || q) && (
            <button
              type="button"
              className="chip-clear"
              onClick={() => {
                setYear(null);
                setRole("");
                setDraft("");
                setQ("");
              }}
            >
              清除筛选
            </button>
          )}
        </div>
        <button type="button" className="link-button unit-ask" onClick={() => onAsk(`${names[0] ?? name}负责哪些工作？`)}>
          就这个单位提问<span aria-hidden="true"> →</span>
        </button>
      </header>
      {error && <ErrorBanner error={toErrorInfo(error)} context="任务载入失败" onRetry={reload} />}
      {role && tasks.length === 0 && all.length > 0 && <p className="muted unit-empty">没有以“{ROLE_LABEL[role]}”身份承担的任务。</p>}
      {groups.map((g) => (
        <section key={g.year} className="unit-year" aria-labelledby={`unit-year-${g.year}`}>
          <h3 id={`unit-year-${g.year}`}>{g.year}年</h3>
          {g.documents.map((d) => (
            <section key={d.document.id} className="task-doc" aria-label={d.document.title}>
              <h4 className="task-doc-title">{d.document.title}</h4>
              <p className="task-doc-meta"><MetaLine parts={[d.document.docNumber, d.issue.label, `${d.tasks.length} 项`]} /></p>
              <ol className="task-list">
                {d.tasks.map((t) => (
                  <li key={t.id}>
                    <TaskCard task={t} names={names} terms={terms} onOpen={onOpen} />
                  </li>
                ))}
              </ol>
            </section>
          ))}
        </section>
      ))}
    </section>
  );
}
