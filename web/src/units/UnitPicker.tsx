import { useEffect, useId, useState } from "react";
import type { KeyboardEvent } from "react";
import type { UnitMatch } from "./match.ts";

interface Props {
  query: string;
  matches: UnitMatch[];
  /** The chosen unit's name. */
  selected: string | null;
  loading: boolean;
  onQuery(query: string): void;
  onPick(name: string): void;
  /** Looks the typed name up on the server, when no unit here matches it. */
  onLookUp(query: string): void;
}

/**
 * A search box over the list of units (an ARIA combobox whose list is always shown): typing filters
 * by name and short name, ↑/↓ move through the list, Enter picks, Esc clears.
 */
export function UnitPicker({ query, matches, selected, loading, onQuery, onPick, onLookUp }: Props) {
  const id = useId();
  const [active, setActive] = useState(-1);
  const listId = `${id}-units`;
  const optionId = (i: number) => `${id}-unit-${i}`;

  // A new search starts from its best match.
  useEffect(() => setActive(query.trim() ? 0 : -1), [query]);

  useEffect(() => {
    if (active >= 0) document.getElementById(optionId(active))?.scrollIntoView?.({ block: "nearest" });
  }, [active]);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const last = matches.length - 1;
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setActive((a) => (a >= last ? 0 : a + 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((a) => (a <= 0 ? last : a - 1));
    } else if (e.key === "Enter" && !e.nativeEvent.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      const pick = matches[active >= 0 ? active : 0];
      if (pick) onPick(pick.unit.name);
      else if (query.trim()) onLookUp(query.trim());
    } else if (e.key === "Escape" && query) {
      e.preventDefault();
      onQuery("");
    }
  };

  const shown = matches.length;
  return (
    <div className="unit-picker">
      <label htmlFor={`${id}-search`} className="unit-picker-label">
        查找单位
      </label>
      <input
        id={`${id}-search`}
        className="unit-search"
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={active >= 0 && active < shown ? optionId(active) : undefined}
        aria-describedby={`${id}-count`}
        autoComplete="off"
        enterKeyHint="search"
        placeholder="单位名称或简称，如 交通局"
        value={query}
        onChange={(e) => onQuery(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <p id={`${id}-count`} className="unit-count" aria-live="polite">
        {loading ? "正在载入单位列表…" : query.trim() ? `找到 ${shown} 个单位` : `共 ${shown} 个单位，按任务数排列`}
      </p>
      {!loading && shown === 0 && query.trim() && (
        <div className="unit-none">
          <p>没有名称或简称包含“{query.trim()}”的单位。</p>
          <button type="button" className="link-button" onClick={() => onLookUp(query.trim())}>
            仍按“{query.trim()}”查找任务<span aria-hidden="true"> →</span>
          </button>
        </div>
      )}
      <ul id={listId} className="unit-options" role="listbox" aria-label="单位">
        {matches.map((m, i) => (
          <li
            key={m.unit.name}
            id={optionId(i)}
            role="option"
            aria-selected={m.unit.name === selected}
            className={i === active ? "unit-option is-active" : "unit-option"}
            data-testid="unit-option"
            // Keeps focus in the search box, as a combobox's list must.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              setActive(i);
              onPick(m.unit.name);
            }}
          >
            <span className="unit-option-name">{m.unit.name}</span>
            <span className="unit-option-tasks">
              {m.unit.tasks}
              <span className="visually-hidden">项任务</span>
              <span aria-hidden="true"> 项</span>
            </span>
            {m.via && <span className="unit-option-via">简称“{m.via}”</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
