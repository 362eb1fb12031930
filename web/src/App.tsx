import { useCallback, useEffect, useRef, useState } from "react";
import type { Filters, HealthResponse, IssueListing } from "../../core/api-schema.ts";
import { useApi } from "./api/useApi.ts";
import { BrowseView } from "./browse/BrowseView.tsx";
import { ChatView } from "./chat/ChatView.tsx";
import { useConversation } from "./chat/useConversation.ts";
import { AppHeader } from "./layout/AppHeader.tsx";
import type { View } from "./layout/AppHeader.tsx";
import { ReaderDialog } from "./reader/ReaderDialog.tsx";
import { useReader } from "./reader/useReader.ts";
import type { ReaderTarget } from "./reader/useReader.ts";
import { useRoute } from "./routing/useRoute.ts";
import { SourcesPanel } from "./sources/SourcesPanel.tsx";
import { UnitsView } from "./units/UnitsView.tsx";

const MAIN_LABEL: Record<View, string> = { chat: "问答", browse: "浏览公报", units: "按单位查看" };

/** Which answer's sources are shown, and which of them a clicked marker points at. */
interface CiteFocus {
  turnId: string;
  n: number;
  seq: number;
}

export function App() {
  const conversation = useConversation();
  const { turns } = conversation;
  // Filters apply to the questions of this page's conversation only: a reload or 新对话 starts unfiltered,
  // so an earlier narrowing never silently shapes a later, unrelated question.
  const [filters, setFilters] = useState<Filters>({});
  const { route, navigate, leave } = useRoute();
  const view = route.view;
  // The unit view keeps its search, choice and filters once opened, and its unit when left.
  const [unitsOpened, setUnitsOpened] = useState(view === "units");
  const [lastUnit, setLastUnit] = useState(route.unit);
  const [focus, setFocus] = useState<CiteFocus | null>(null);
  const issues = useApi<{ issues: IssueListing[] }>("/api/issues");
  const health = useApi<HealthResponse>("/api/health");
  // /api/health answers 503 (with the same body) while there is no index.
  const indexMissing = health.data?.status === "no_index" || health.error?.status === 503;
  const reader = useReader();
  const input = useRef<HTMLTextAreaElement>(null);

  // The address decides what is shown: a unit, the reader, a question asked by a link.
  useEffect(() => {
    if (view !== "units") return;
    setUnitsOpened(true);
    if (route.unit) setLastUnit(route.unit);
  }, [view, route.unit]);
  useEffect(() => {
    if (!route.doc) reader.close();
    else if (reader.target?.documentId !== route.doc) reader.open({ documentId: route.doc, title: "", passageId: route.passage });
    // Only the address drives this: the reader's own open and close keep the two in step.
  }, [route.doc, route.passage]);
  const linkedQuestion = useRef(route.q);
  useEffect(() => {
    const q = linkedQuestion.current;
    if (!q) return;
    // Sent after the first commit settles: StrictMode's trial unmount would otherwise abort its stream.
    const timer = setTimeout(() => {
      linkedQuestion.current = undefined;
      // A link's question is asked once, unless it is already the conversation's last (a reload).
      if (turns.at(-1)?.question !== q) conversation.send(q, {});
    });
    return () => clearTimeout(timer);
  }, []);

  const shown = turns.find((t) => t.id === focus?.turnId) ?? turns.at(-1);

  const send = useCallback(
    (question: string) => {
      setFocus(null); // the panel follows the new answer
      conversation.send(question, filters);
      // The address names the latest question, so it can be sent as a link.
      navigate({ view: "chat", q: question.trim() }, true);
    },
    [conversation.send, filters, navigate],
  );
  /** The same question without the filters that shaped its answer; the filters are cleared for what follows too. */
  const askUnfiltered = useCallback(
    (question: string) => {
      setFocus(null);
      setFilters({});
      conversation.send(question, {});
      navigate({ view: "chat", q: question }, true);
    },
    [conversation.send, navigate],
  );
  const cite = useCallback((turnId: string, n: number) => {
    setFocus((f) => ({ turnId, n, seq: (f?.seq ?? 0) + 1 }));
  }, []);
  const toComposer = () => {
    if (view !== "chat") navigate({ view: "chat" });
    // The chat view is shown by this render; focus the box once it is visible.
    requestAnimationFrame(() => input.current?.focus());
  };
  const startOver = () => {
    conversation.reset();
    setFilters({});
    setFocus(null);
    navigate({ view: "chat" }, view === "chat");
    toComposer();
  };
  const askAbout = (issue: IssueListing) => {
    setFilters({ year: issue.year, issue: issue.id });
    toComposer();
  };
  const askQuestion = (question: string) => {
    send(question);
    toComposer();
  };
  const showView = (next: View) => {
    if (next !== view) navigate(next === "units" ? { view: next, unit: lastUnit } : { view: next });
  };
  const pickUnit = (unit: string) => navigate({ view: "units", unit }, route.unit === undefined);
  const openReader = useCallback(
    (target: ReaderTarget) => {
      reader.open(target);
      navigate({ view, doc: target.documentId, ...(target.passageId ? { passage: target.passageId } : {}) });
    },
    [reader.open, navigate, view],
  );
  const closeReader = useCallback(() => {
    reader.close();
    leave({ view, ...(view === "units" && lastUnit ? { unit: lastUnit } : {}) });
  }, [reader.close, leave, view, lastUnit]);

  return (
    <>
      <div className="app" inert={reader.target !== null}>
        {view === "chat" && (
          <a className="skip-link" href="#question">
            跳到提问框
          </a>
        )}
        <AppHeader view={view} onView={showView} onNew={startOver} />
        <div className={view === "chat" ? "workspace" : "workspace is-browsing"}>
          <main className="main" aria-label={MAIN_LABEL[view]}>
            {/* Chat and sources stay mounted while browsing, so a draft, scroll positions and focus survive. */}
            <div className="chat-view" hidden={view !== "chat"}>
              <ChatView
                turns={turns}
                streaming={conversation.streaming}
                filters={filters}
                issues={issues.data?.issues}
                health={health.data}
                indexMissing={indexMissing}
                inputRef={input}
                onFilters={setFilters}
                onSend={send}
                onAskUnfiltered={askUnfiltered}
                onStop={conversation.stop}
                onRetry={conversation.retry}
                onCite={cite}
                onOpen={openReader}
                onBrowse={() => showView("browse")}
              />
            </div>
            {view === "browse" && <BrowseView issues={issues} onOpen={openReader} onAsk={askAbout} />}
            {unitsOpened && (
              <div className="units-view" hidden={view !== "units"}>
                <UnitsView selected={lastUnit ?? null} onSelect={pickUnit} onOpen={openReader} onAsk={askQuestion} />
              </div>
            )}
          </main>
          <SourcesPanel
            hidden={view !== "chat"}
            turn={shown}
            activeN={focus && focus.turnId === shown?.id ? focus.n : null}
            seq={focus?.seq ?? 0}
            onOpen={openReader}
          />
        </div>
      </div>
      {reader.target && <ReaderDialog key={reader.target.documentId} target={reader.target} onClose={closeReader} />}
    </>
  );
}
