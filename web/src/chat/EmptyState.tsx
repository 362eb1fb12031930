import type { HealthResponse } from "../../../core/api-schema.ts";
import { EXAMPLES } from "./examples.ts";

interface Props {
  /** Counts to show, once the server reports an index. */
  health: HealthResponse | undefined;
  indexMissing: boolean;
  onAsk(question: string): void;
  onBrowse(): void;
}


/** The first screen: what the assistant does, and questions to start from. */
export function EmptyState({ health, indexMissing, onAsk, onBrowse }: Props) {
  return (
    <section className="welcome" aria-labelledby="welcome-title">
      <h2 id="welcome-title">查阅三门峡市人民政府公报</h2>
      <p className="welcome-lead">用日常语言提问，回答逐句注明出处——公报期号与文号，并可直接查看原文。</p>
      {indexMissing && (
        <p className="welcome-warning">公报数据尚未导入，暂时无法回答问题。请联系管理员建立检索索引。</p>
      )}
      {health?.status === "ok" && (
        <p className="welcome-stats">
          已收录 {health.issues.toLocaleString("zh-CN")} 期公报、{health.documents.toLocaleString("zh-CN")} 份文件
        </p>
      )}
      <h3 className="examples-title">可以这样问</h3>
      <ul className="examples">
        {EXAMPLES.map((e) => (
          <li key={e.question}>
            <button type="button" className="example" onClick={() => onAsk(e.question)}>
              <span className="example-who">{e.who}</span>
              <span className="example-q">{e.question}</span>
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="link-button" onClick={onBrowse}>
        或按期浏览全部公报<span aria-hidden="true"> →</span>
      </button>
      <p className="welcome-fineprint">回答依据公报原文生成，仅供参考，请以正式文件为准。</p>
    </section>
  );
}
