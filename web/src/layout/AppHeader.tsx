export type View = "chat" | "browse" | "units";

interface Props {
  view: View;
  onView(view: View): void;
  onNew(): void;
}

/** Brand, the switch between asking, browsing issues and viewing by unit, and a fresh conversation. */
export function AppHeader({ view, onView, onNew }: Props) {
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-seal" aria-hidden="true">公报</span>
        <div>
          <h1 className="brand-name">三门峡市人民政府公报</h1>
          <p className="brand-sub">智能问答 · 依据原文，注明出处</p>
        </div>
      </div>
      <nav className="views" aria-label="主要功能">
        <button type="button" data-testid="view-chat" aria-current={view === "chat" ? "page" : undefined} onClick={() => onView("chat")}>
          问答
        </button>
        <button type="button" data-testid="view-browse" aria-current={view === "browse" ? "page" : undefined} onClick={() => onView("browse")}>
          浏览公报
        </button>
        <button type="button" data-testid="view-units" aria-current={view === "units" ? "page" : undefined} onClick={() => onView("units")}>
          按单位查看
        </button>
      </nav>
      <button type="button" className="button new-button" onClick={onNew}>
        <span aria-hidden="true">＋</span>新对话
      </button>
    </header>
  );
}
