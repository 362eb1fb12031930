import { useMemo, useState } from "react";
import { toErrorInfo } from "../api/errors.ts";
import { useApi } from "../api/useApi.ts";
import { ErrorBanner } from "../common/ErrorBanner.tsx";
import type { ReaderTarget } from "../reader/useReader.ts";
import { matchUnits } from "./match.ts";
import type { UnitsResponse } from "./types.ts";
import { UnitPicker } from "./UnitPicker.tsx";
import { UnitTasks } from "./UnitTasks.tsx";

interface Props {
  /** The unit shown (its address is /units?unit=…), or null before one is chosen. */
  selected: string | null;
  onSelect(name: string): void;
  onOpen(target: ReaderTarget): void;
  onAsk(question: string): void;
}

/** 按单位查看: pick a unit, see the tasks the gazettes give it, each with its quote and a way to the original. */
export function UnitsView({ selected, onSelect, onOpen, onAsk }: Props) {
  const units = useApi<UnitsResponse>("/api/units");
  const [query, setQuery] = useState("");
  const [picks, setPicks] = useState(0);
  const list = units.data?.units ?? [];
  const matches = useMemo(() => matchUnits(list, query), [list, query]);

  const pick = (name: string) => {
    onSelect(name);
    setPicks((n) => n + 1);
  };

  return (
    <div className="units">
      <section className="units-side" aria-labelledby="units-title">
        <h2 id="units-title" className="units-title">按单位查看</h2>
        <p className="units-lead">公报中交给各单位的工作任务：牵头、负责或配合，附责任领导、完成时限和原文。</p>
        {units.error ? (
          <ErrorBanner error={toErrorInfo(units.error)} context="单位列表载入失败" onRetry={units.reload} />
        ) : (
          <UnitPicker
            query={query}
            matches={matches}
            selected={selected}
            loading={units.loading}
            onQuery={setQuery}
            onPick={pick}
            onLookUp={pick}
          />
        )}
      </section>
      <div className="units-main">
        {selected ? (
          <UnitTasks key={selected} name={selected} units={list} focusKey={picks} onOpen={onOpen} onAsk={onAsk} />
        ) : (
          <div className="units-intro">
            <p>从单位列表中选择一个单位，或输入名称、简称查找（例如“交通局”“发改委”）。</p>
            {list.length > 0 && (
              <>
                <h3>任务最多的单位</h3>
                <ul className="units-top">
                  {list
                    .toSorted((a, b) => b.tasks - a.tasks)
                    .slice(0, 6)
                    .map((u) => (
                      <li key={u.name}>
                        <button type="button" className="ghost-button" onClick={() => pick(u.name)}>
                          {u.name}
                          <span className="muted">（{u.tasks}）</span>
                        </button>
                      </li>
                    ))}
                </ul>
              </>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
