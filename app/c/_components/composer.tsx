"use client";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { sendMessage } from "@/app/_client/chat-connection";
import { LIMITS } from "@/lib/contract/limits";
import { bodyProblem } from "@/lib/contract/message-body";

/** Enter sends, Shift+Enter makes a new line; blank messages are not sent, over-long ones say why. */
export function Composer({ channelId, placeholder }: { channelId: string; placeholder: string }) {
  const [body, setBody] = useState("");
  const input = useRef<HTMLTextAreaElement>(null);
  // Counting code points is only worth it near the limit.
  const length = body.length > LIMITS.bodyMaxChars * 0.8 ? [...body].length : body.length;
  const problem = bodyProblem(body);
  const tooLong = problem === "too_large";

  useLayoutEffect(() => {
    const el = input.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${el.scrollHeight + (el.offsetHeight - el.clientHeight)}px`;
  }, [body]);

  useEffect(() => {
    // On a phone the keyboard would cover the conversation just opened.
    if (window.matchMedia("(pointer: fine)").matches) input.current?.focus();
  }, []);

  function send() {
    if (problem) return;
    if (sendMessage(channelId, body) === null) setBody("");
    input.current?.focus();
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLTextAreaElement>) {
    // keyCode 229: an IME (Korean, Japanese, ...) is still composing; Enter confirms the word.
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      send();
    }
  }

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <div className="composer-row">
        <textarea
          ref={input}
          aria-label="Message"
          aria-describedby={`composer-note-${channelId}`}
          aria-invalid={tooLong || undefined}
          placeholder={placeholder}
          rows={1}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="button primary send" aria-disabled={problem !== null}>
          Send
        </button>
      </div>
      <p id={`composer-note-${channelId}`} className={`composer-note${tooLong ? " error" : ""}`} aria-live="polite">
        {tooLong
          ? `Too long to send: ${length.toLocaleString()} of ${LIMITS.bodyMaxChars.toLocaleString()} characters.`
          : length > LIMITS.bodyMaxChars * 0.9
            ? `${length.toLocaleString()} of ${LIMITS.bodyMaxChars.toLocaleString()} characters`
            : ""}
      </p>
    </form>
  );
}
