"use client";
import { useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { sendMessage, sendTyping } from "@/app/_client/chat-connection";
import { findIn } from "@/app/_client/quoted";
import { chatStore, setEditing, setReplyTo } from "@/app/_client/store";
import { useChat } from "@/app/_client/use-chat";
import { LIMITS } from "@/lib/contract/limits";
import { bodyProblem } from "@/lib/contract/message-body";
import { MentionListbox, mentionOptionId } from "./mention-listbox";
import { FirstLine } from "./reply-quote";
import type { MemberName } from "@/lib/contract/models";
import { useMentionAutocomplete } from "./use-mention-autocomplete";
// Files (attach-*.tsx, app/_client/uploads.ts).
import { attachFiles, takeDrafts, useDrafts } from "@/app/_client/uploads";
import { AttachButton, filesOf } from "./attach-button";
import { AttachDrafts } from "./attach-drafts";

interface Props {
  channelId: string;
  placeholder: string;
  /** The other members, for "@" mentions. */
  members: readonly MemberName[];
  onSent?: () => void;
}

/**
 * Enter sends, Shift+Enter makes a new line; blank messages are not sent, over-long ones say why.
 * "@" and the start of a name offers members to mention.
 */
export function Composer({ channelId, placeholder, members, onSent }: Props) {
  const t = useTranslations("composer");
  const locale = useLocale();
  const [body, setBody] = useState("");
  const [caret, setCaret] = useState(0);
  const input = useRef<HTMLTextAreaElement>(null);
  const moveCaretTo = useRef<number | null>(null);
  const listId = useId();
  const mention = useMentionAutocomplete(body, caret, members);
  // Counting code points is only worth it near the limit.
  const length = body.length > LIMITS.bodyMaxChars * 0.8 ? [...body].length : body.length;
  const drafts = useDrafts(channelId);
  const textProblem = bodyProblem(body);
  // With files attached the text is optional; a file that could not be uploaded must be removed first.
  const problem = textProblem === "empty" && drafts.length > 0 ? null : textProblem;
  const filesFailed = drafts.some((f) => f.state === "failed");
  const tooLong = problem === "too_large";
  const replyTo = useChat((s) => s.replyTo[channelId]);
  const replying = useChat((s) => (replyTo === undefined ? undefined : findIn(s.messages[channelId], replyTo)));
  const replyName = useChat((s) => (replying ? s.users[replying.senderId]?.name : undefined));

  useLayoutEffect(() => {
    const el = input.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${el.scrollHeight + (el.offsetHeight - el.clientHeight)}px`;
    if (moveCaretTo.current !== null) {
      el.setSelectionRange(moveCaretTo.current, moveCaretTo.current);
      moveCaretTo.current = null;
    }
  }, [body]);

  useEffect(() => {
    // On a phone the keyboard would cover the conversation just opened.
    if (window.matchMedia("(pointer: fine)").matches) input.current?.focus();
  }, []);

  function send() {
    if (problem || filesFailed) return;
    if (sendMessage(channelId, body, replyTo, drafts.length ? takeDrafts(channelId) : undefined) === null) {
      setBody("");
      setCaret(0);
      if (replyTo !== undefined) setReplyTo(channelId, null);
      onSent?.();
    }
    input.current?.focus();
  }

  function pickMention(m: MemberName) {
    const next = mention.pick(m);
    moveCaretTo.current = next.caret;
    setBody(next.text);
    setCaret(next.caret);
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLTextAreaElement>) {
    // keyCode 229: an IME (Korean, Japanese, ...) is still composing; Enter confirms the word.
    const composing = e.nativeEvent.isComposing || e.keyCode === 229;
    if (!composing && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey && mention.onKey(e.key, pickMention)) {
      e.preventDefault();
      return;
    }
    if (e.key === "Enter" && !e.shiftKey && !composing) {
      e.preventDefault();
      send();
      return;
    }
    // As in Slack: Up in an empty composer edits the user's last message.
    if (e.key === "ArrowUp" && body === "" && !composing && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey) {
      const s = chatStore.getState();
      const list = s.messages[channelId] ?? [];
      for (let i = list.length - 1; i >= 0; i--) {
        const m = list[i]!;
        if (m.senderId === s.me?.id && !m.deletedAt) {
          e.preventDefault();
          setEditing({ channelId, seq: m.seq });
          return;
        }
      }
    }
    if (e.key === "Escape" && replyTo !== undefined) {
      e.preventDefault();
      setReplyTo(channelId, null);
    }
  }

  function onPaste(e: React.ClipboardEvent<HTMLTextAreaElement>) {
    const files = filesOf(e.clipboardData);
    if (files.length === 0) return;
    attachFiles(channelId, files);
    // A copied picture may come with text (its address, a caption): that still pastes as text.
    if (!e.clipboardData.types.includes("text/plain")) e.preventDefault();
  }

  function onChange(e: React.ChangeEvent<HTMLTextAreaElement>) {
    setBody(e.target.value);
    setCaret(e.target.selectionStart);
    if (e.target.value.trim()) sendTyping(channelId);
  }

  const active = mention.options[mention.activeIndex];
  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <MentionListbox
        id={listId}
        options={mention.options}
        activeIndex={mention.activeIndex}
        onPick={pickMention}
        onHover={mention.setActiveIndex}
      />
      {replyTo !== undefined && (
        <div className="reply-bar">
          <p className="reply-bar-text">
            {t.rich("replyingTo", { name: replyName ?? "…", strong: (chunks) => <strong>{chunks}</strong> })}
            {replying && !replying.deletedAt && <span className="reply-bar-quote">
                : <FirstLine body={replying.body} />
              </span>}
          </p>
          <button type="button" className="icon-button" aria-label={t("cancelReply")} onClick={() => setReplyTo(channelId, null)}>
            ×
          </button>
        </div>
      )}
      <AttachDrafts channelId={channelId} />
      <div className="composer-row">
        <AttachButton channelId={channelId} />
        <textarea
          ref={input}
          id={`composer-${channelId}`}
          aria-label={t("message")}
          aria-describedby={`composer-note-${channelId}`}
          aria-invalid={tooLong || undefined}
          aria-autocomplete="list"
          aria-controls={listId}
          aria-activedescendant={active ? mentionOptionId(listId, active.id) : undefined}
          placeholder={placeholder}
          rows={1}
          value={body}
          onChange={onChange}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          onBlur={() => setCaret(-1)}
        />
        <button type="submit" className="button primary send" aria-disabled={problem !== null || filesFailed}>
          {t("send")}
        </button>
      </div>
      <p id={`composer-note-${channelId}`} className={`composer-note${tooLong ? " error" : ""}`} aria-live="polite">
        {tooLong
          ? t("tooLong", { length: length.toLocaleString(locale), max: LIMITS.bodyMaxChars.toLocaleString(locale) })
          : length > LIMITS.bodyMaxChars * 0.9
            ? t("nearLimit", { length: length.toLocaleString(locale), max: LIMITS.bodyMaxChars.toLocaleString(locale) })
            : filesFailed
              ? t("removeFailed")
              : ""}
      </p>
    </form>
  );
}
