import type { Turn } from "../chat/types.ts";
import type { ReaderTarget } from "../reader/useReader.ts";
import { SourceCard } from "./SourceCard.tsx";

interface Props {
  hidden: boolean;
  turn: Turn | undefined;
  activeN: number | null;
  seq: number;
  onOpen(target: ReaderTarget): void;
}

function Empty({ turn }: { turn: Turn | undefined }) {
  if (turn?.status === "streaming") return <p className="sources-empty">正在检索公报原文…</p>;
  if (turn?.abstained) return <p className="sources-empty">这个问题在已收录的公报中没有找到依据{turn.related?.length ? "，回答中列出了相近的文件" : ""}。</p>;
  if (turn?.status === "error") return <p className="sources-empty">这次提问没有得到回答，暂无来源。</p>;
  if (turn?.status === "stopped") return <p className="sources-empty">回答已停止，没有收到来源。</p>;
  if (turn) return <p className="sources-empty">这条回答没有引用公报原文。</p>;
  return (
    <p className="sources-empty">
      提问后，回答所依据的公报原文会列在这里。点击回答中的编号，可定位到对应的原文句子。
    </p>
  );
}

/** The sources of one answer (the latest, or the one whose marker was last clicked). */
export function SourcesPanel({ hidden, turn, activeN, seq, onOpen }: Props) {
  const citations = turn?.citations.toSorted((a, b) => a.n - b.n) ?? [];
  return (
    <aside className="sources" id="sources" aria-label="引用来源" hidden={hidden}>
      <div className="sources-head">
        <h2>
          引用来源{citations.length > 0 && <span className="count">{citations.length}</span>}
        </h2>
        {turn && citations.length > 0 && <p className="sources-for">对应问题：{turn.question}</p>}
      </div>
      {citations.length === 0 ? (
        <Empty turn={turn} />
      ) : (
        <ol className="source-list">
          {citations.map((c) => (
            <li key={c.n}>
              <SourceCard citation={c} active={activeN === c.n} seq={seq} onOpen={onOpen} />
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
