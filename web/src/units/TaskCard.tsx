import type { ReaderTarget } from "../reader/useReader.ts";
import { markTerms, rolesOf } from "./group.ts";
import type { Task, UnitRole } from "./types.ts";
import { ROLE_LABEL, ROLE_ORDER } from "./types.ts";

interface Props {
  task: Task;
  /** The unit being viewed (or the units its name stood for). */
  names: string[];
  /** Words naming it in the gazette's sentence, marked in the quote. */
  terms: string[];
  onOpen(target: ReaderTarget): void;
}

function Marked({ text, terms }: { text: string; terms: string[] }) {
  return (
    <>
      {markTerms(text, terms).map((s, i) => (s.marked ? <mark key={i}>{s.text}</mark> : s.text))}
    </>
  );
}

/** Every unit of the task by role: `牵头 市交通运输局；负责 市政府有关部门`, the viewed unit in bold. */
function UnitsByRole({ task, names }: { task: Task; names: string[] }) {
  const byRole = new Map<UnitRole, string[]>();
  for (const u of task.units) {
    const list = byRole.get(u.role) ?? [];
    if (!list.includes(u.name)) list.push(u.name);
    byRole.set(u.role, list);
  }
  return (
    <>
      {ROLE_ORDER.filter((r) => byRole.has(r)).map((r, i) => (
        <span key={r} className="task-units-role">
          {i > 0 && "；"}
          {ROLE_LABEL[r]}：
          {byRole.get(r)!.map((name, j) => (
            <span key={name}>
              {j > 0 && "、"}
              {names.includes(name) ? <strong>{name}</strong> : name}
            </span>
          ))}
        </span>
      ))}
    </>
  );
}

/** One task: what, the unit's role, who else, leaders, deadline, the verbatim quote and a way to the original. */
export function TaskCard({ task, names, terms, onOpen }: Props) {
  const roles = rolesOf(task, names);
  const titleId = `task-${task.id}`;
  return (
    <article className="task" aria-labelledby={titleId} data-testid="task">
      <div className="task-head">
        {roles.map((r) => (
          <span key={r} className={`role role-${r}`} data-role={r}>
            {ROLE_LABEL[r]}
          </span>
        ))}
        <h5 id={titleId} className="task-title">
          {task.seq && <span className="task-seq">{/^\d+$/.test(task.seq) ? `${task.seq}.` : task.seq}</span>}
          {task.title}
        </h5>
      </div>
      <dl className="task-meta">
        <div>
          <dt>责任单位</dt>
          <dd>
            <UnitsByRole task={task} names={names} />
          </dd>
        </div>
        {task.leaders.length > 0 && (
          <div>
            <dt>责任领导</dt>
            <dd>{task.leaders.join("、")}</dd>
          </div>
        )}
        {task.deadline && (
          <div>
            <dt>完成时限</dt>
            <dd>{task.deadline}</dd>
          </div>
        )}
      </dl>
      <blockquote className="quote-block task-quote">
        <p className="visually-hidden">公报原文：</p>
        <Marked text={task.quote} terms={terms} />
      </blockquote>
      {task.evidence?.map((e) => (
        <blockquote key={e.passageId + e.quote} className="quote-block task-quote is-extra">
          <Marked text={e.quote} terms={terms} />
        </blockquote>
      ))}
      {task.conflicts?.map((c) => (
        <p key={c.taskId + c.label} className="task-conflict">
          <strong>请注意：</strong>
          {c.note}
        </p>
      ))}
      <button
        type="button"
        className="link-button"
        onClick={() => onOpen({ documentId: task.document.id, title: task.document.title, passageId: task.passageId, quote: task.quote })}
      >
        在原文中查看<span className="visually-hidden">：{task.title}</span>
        <span aria-hidden="true"> →</span>
      </button>
    </article>
  );
}
