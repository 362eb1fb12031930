import type { Filters, IssueListing } from "../../../core/api-schema.ts";
import { filterOptions, issueName } from "./options.ts";

interface Props {
  value: Filters;
  issues: IssueListing[] | undefined;
  onChange(filters: Filters): void;
}

/** Year / issue / category chips (native selects, so keyboard and phones work as usual) for the next question. */
export function FilterBar({ value, issues, onChange }: Props) {
  const options = filterOptions(issues ?? []);
  const issueChoices = value.year ? options.issues.filter((i) => i.year === value.year) : options.issues;
  // A saved filter the listing no longer offers (or not yet, while it loads) still shows as chosen.
  const years = withValue(options.years, value.year);
  const categories = withValue(options.categories, value.category);
  const strayIssue = value.issue && !issueChoices.some((i) => i.id === value.issue) ? value.issue : null;
  const active = Boolean(value.year || value.issue || value.category);

  const category: Filters = value.category ? { category: value.category } : {};
  const setYear = (raw: string) => {
    const year = raw ? Number(raw) : undefined;
    const keepIssue = year && value.issue?.startsWith(`${year}-`);
    onChange({ ...(year ? { year } : {}), ...(keepIssue ? { issue: value.issue } : {}), ...category });
  };
  const setIssue = (id: string) => {
    const issue = options.issues.find((i) => i.id === id);
    // An issue implies its year, so the year chip agrees with it.
    const scope = issue ? { year: issue.year, issue: issue.id } : value.year ? { year: value.year } : {};
    onChange({ ...scope, ...category });
  };
  const setCategory = (next: string) => {
    const { year, issue } = value;
    onChange({ ...(year ? { year } : {}), ...(issue ? { issue } : {}), ...(next ? { category: next } : {}) });
  };

  return (
    <div className="filters" role="group" aria-label="检索范围">
      <span className="filters-label" aria-hidden="true">范围</span>
      <label className={value.year ? "chip is-set" : "chip"}>
        <span className="visually-hidden">年份</span>
        <select data-testid="filter-year" value={value.year ?? ""} onChange={(e) => setYear(e.target.value)}>
          <option value="">全部年份</option>
          {years.map((y) => (
            <option key={y} value={y}>{y}年</option>
          ))}
        </select>
      </label>
      <label className={value.issue ? "chip is-set" : "chip"}>
        <span className="visually-hidden">期号</span>
        <select data-testid="filter-issue" value={value.issue ?? ""} onChange={(e) => setIssue(e.target.value)}>
          <option value="">全部期号</option>
          {strayIssue && <option value={strayIssue}>{issueName(strayIssue, issues)}</option>}
          {issueChoices.map((i) => (
            <option key={i.id} value={i.id}>{i.label}</option>
          ))}
        </select>
      </label>
      <label className={value.category ? "chip is-set" : "chip"}>
        <span className="visually-hidden">类别</span>
        <select data-testid="filter-category" value={value.category ?? ""} onChange={(e) => setCategory(e.target.value)}>
          <option value="">全部类别</option>
          {categories.map((c) => (
            <option key={c} value={c}>{c}</option>
          ))}
        </select>
      </label>
      {active && (
        <button type="button" className="chip-clear" data-testid="filter-clear" onClick={() => onChange({})}>
          清除范围
        </button>
      )}
    </div>
  );
}

function withValue<T>(list: T[], value: T | undefined): T[] {
  return value === undefined || list.includes(value) ? list : [value, ...list];
}
