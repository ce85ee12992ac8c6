"use client";
import { useEffect } from "react";
import { showAppBadge, titleWithUnread, totalUnread } from "@/app/_client/unread-count";
import { useChat } from "@/app/_client/use-chat";

/** Keeps "(3) Chat" in the tab's title and 3 on the app icon: unread messages outside muted conversations. */
export function UnreadTitle() {
  const unread = useChat((s) => totalUnread(s.channels));

  useEffect(() => {
    const apply = () => {
      const next = titleWithUnread(document.title, unread);
      if (next !== document.title) document.title = next;
    };
    apply();
    // Next sets the page's title again when it renders new metadata (it may stream in after a
    // navigation): put the count back each time.
    const watch = new MutationObserver(apply);
    watch.observe(document.head, { childList: true, subtree: true, characterData: true });
    return () => watch.disconnect();
  }, [unread]);

  useEffect(() => showAppBadge(unread), [unread]);

  // Signed out (the chat shell goes away): no count stays behind.
  useEffect(
    () => () => {
      document.title = titleWithUnread(document.title, 0);
      showAppBadge(0);
    },
    [],
  );
  return null;
}
