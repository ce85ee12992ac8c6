"use client";
import { useLayoutEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { editMessage } from "@/app/_client/message-changes";
import { setEditing } from "@/app/_client/store";
import { bodyProblem } from "@/lib/contract/message-body";

/** Editing a message in place: Enter saves, Shift+Enter makes a new line, Escape cancels. */
export function EditBox({ channelId, seq, body }: { channelId: string; seq: number; body: string }) {
  const t = useTranslations("edit");
  const tc = useTranslations("common");
  const [text, setText] = useState(body);
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);

  useLayoutEffect(() => {
    const el = input.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${el.scrollHeight + (el.offsetHeight - el.clientHeight)}px`;
  }, [text]);
  useLayoutEffect(() => {
    const el = input.current;
    el?.focus();
    el?.setSelectionRange(el.value.length, el.value.length);
  }, []);

  function done() {
    setEditing(null);
    document.getElementById(`composer-${channelId}`)?.focus();
  }

  function save() {
    if (text === body) return done();
    const why = bodyProblem(text);
    if (why) {
      setProblem(why === "too_large" ? t("tooLong") : t("empty"));
      return;
    }
    editMessage(channelId, seq, text);
    done();
  }

  return (
    <form
      className="edit-box"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <textarea
        ref={input}
        aria-label={t("label")}
        aria-invalid={problem ? true : undefined}
        rows={1}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setProblem(null);
        }}
        onKeyDown={(e) => {
          const composing = e.nativeEvent.isComposing || e.keyCode === 229;
          if (e.key === "Escape") {
            e.preventDefault();
            done();
          } else if (e.key === "Enter" && !e.shiftKey && !composing) {
            e.preventDefault();
            save();
          }
        }}
      />
      <div className="edit-actions">
        {problem && (
          <span className="edit-problem" role="alert">
            {problem}
          </span>
        )}
        <button type="button" className="button subtle small" onClick={done}>
          {tc("cancel")}
        </button>
        <button type="submit" className="button primary small">
          {tc("save")}
        </button>
      </div>
    </form>
  );
}
