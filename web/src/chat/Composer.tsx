import { useEffect, useRef, useState } from "react";
import type { KeyboardEvent, RefObject } from "react";
import type { Filters, IssueListing } from "../../../core/api-schema.ts";
import { FilterBar } from "../filters/FilterBar.tsx";

interface Props {
  streaming: boolean;
  filters: Filters;
  issues: IssueListing[] | undefined;
  inputRef: RefObject<HTMLTextAreaElement | null>;
  onFilters(filters: Filters): void;
  onSend(question: string): void;
  onStop(): void;
}

// Mirrors LIMITS.questionChars in core/api-schema.ts.
const MAX_QUESTION = 2000;

/** The question box with its filters; Enter sends, Shift+Enter breaks the line, 停止 ends a stream. */
export function Composer({ streaming, filters, issues, inputRef, onFilters, onSend, onStop }: Props) {
  const [text, setText] = useState("");
  const wasStreaming = useRef(streaming);

  // The 停止 button disappears when the answer ends; focus must not fall back to the page.
  useEffect(() => {
    if (wasStreaming.current && !streaming && (!document.activeElement || document.activeElement === document.body)) {
      inputRef.current?.focus();
    }
    wasStreaming.current = streaming;
  }, [streaming, inputRef]);

  // Grows with its content up to the CSS max-height, for browsers without `field-sizing`.
  useEffect(() => {
    const box = inputRef.current;
    if (!box) return;
    box.style.height = "auto";
    box.style.height = `${box.scrollHeight + 2}px`;
  }, [text, inputRef]);

  const submit = () => {
    if (streaming || !text.trim()) return;
    onSend(text);
    setText("");
    inputRef.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter that confirms an IME candidate (pinyin input) must not send.
    if (e.key !== "Enter" || e.shiftKey || e.nativeEvent.isComposing || e.keyCode === 229) return;
    e.preventDefault();
    submit();
  };

  return (
    <form
      className="composer"
      aria-label="提问"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <FilterBar value={filters} issues={issues} onChange={onFilters} />
      <div className="composer-box">
        <label htmlFor="question" className="visually-hidden">输入问题</label>
        <textarea
          id="question"
          ref={inputRef}
          rows={1}
          maxLength={MAX_QUESTION}
          value={text}
          placeholder="请输入您的问题"
          aria-describedby="composer-hint"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
        />
        {streaming ? (
          <button type="button" className="button stop-button" onClick={onStop}>
            <span className="stop-icon" aria-hidden="true" />
            停止
          </button>
        ) : (
          <button type="submit" className="button send-button" disabled={!text.trim()}>
            发送
          </button>
        )}
      </div>
      <p id="composer-hint" className="composer-hint">
        Enter 发送，Shift+Enter 换行。回答仅供参考，请以公报正式文件为准。
      </p>
    </form>
  );
}
