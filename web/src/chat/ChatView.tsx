import { useEffect, useRef } from "react";
import type { RefObject } from "react";
import type { Filters, HealthResponse, IssueListing } from "../../../core/api-schema.ts";
import { describeFilters } from "../filters/options.ts";
import type { ReaderTarget } from "../reader/useReader.ts";
import { AnswerMessage } from "./AnswerMessage.tsx";
import { Composer } from "./Composer.tsx";
import { EmptyState } from "./EmptyState.tsx";
import type { Turn } from "./types.ts";

interface Props {
  turns: Turn[];
  streaming: boolean;
  filters: Filters;
  issues: IssueListing[] | undefined;
  health: HealthResponse | undefined;
  indexMissing: boolean;
  inputRef: RefObject<HTMLTextAreaElement | null>;
  onFilters(filters: Filters): void;
  onSend(question: string): void;
  onAskUnfiltered(question: string): void;
  onStop(): void;
  onRetry(): void;
  onCite(turnId: string, n: number): void;
  onOpen(target: ReaderTarget): void;
  onBrowse(): void;
}

/** The conversation (or the welcome screen) above the question box. */
export function ChatView(props: Props) {
  const { turns, issues, onCite, onOpen, onRetry } = props;
  const lastId = turns.at(-1)?.id;
  const list = useRef<HTMLOListElement>(null);

  // A new question scrolls to its top, so the answer is read from its start as it streams in.
  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView?.({ block: "start" });
  }, [lastId]);

  return (
    <>
      <section className="conversation" aria-label="对话记录">
        {turns.length === 0 ? (
          <EmptyState health={props.health} indexMissing={props.indexMissing} onAsk={props.onSend} onBrowse={props.onBrowse} />
        ) : (
          <ol className="turns" ref={list}>
            {turns.map((turn) => {
              const scope = describeFilters(turn.filters, issues);
              return (
                <li key={turn.id} className="turn">
                  <div className="question">
                    <p className="question-text">
                      <span className="visually-hidden">问：</span>
                      {turn.question}
                    </p>
                    {scope.length > 0 && (
                      <p className="question-scope" data-testid="turn-scope">
                        <span>范围：{scope.join(" · ")}</span>
                        {!props.streaming && (
                          <button type="button" className="ghost-button" onClick={() => props.onAskUnfiltered(turn.question)}>
                            不限范围重新提问
                          </button>
                        )}
                      </p>
                    )}
                  </div>
                  <AnswerMessage
                    turn={turn}
                    isLast={turn.id === lastId}
                    onCite={(n) => onCite(turn.id, n)}
                    onOpen={onOpen}
                    onRetry={onRetry}
                  />
                </li>
              );
            })}
          </ol>
        )}
      </section>
      <Composer
        streaming={props.streaming}
        filters={props.filters}
        issues={issues}
        inputRef={props.inputRef}
        onFilters={props.onFilters}
        onSend={props.onSend}
        onStop={props.onStop}
      />
    </>
  );
}
