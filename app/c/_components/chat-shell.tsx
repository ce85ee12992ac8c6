"use client";
import { signOut } from "next-auth/react";
import { useParams } from "next/navigation";
import { useEffect } from "react";
import { startChat, stopChat } from "@/app/_client/chat-connection";
import { useChat } from "@/app/_client/use-chat";
import { ConnectionBanner } from "./connection-banner";
import { Sidebar } from "./sidebar";

export function ChatShell({ me, children }: { me: { id: string; name: string }; children: React.ReactNode }) {
  const { channelId } = useParams<{ channelId?: string }>();
  const status = useChat((s) => s.status);

  useEffect(() => {
    startChat({ id: me.id, name: me.name });
  }, [me.id, me.name]);

  useEffect(() => {
    if (status !== "signed-out") return;
    // The API refused the session (expired, or logged out everywhere): clear the cookie too, or
    // the log-in page would send us straight back here.
    void (async () => {
      await signOut({ redirect: false }).catch(() => {});
      await stopChat();
      window.location.assign("/login");
    })();
  }, [status]);

  return (
    <div className="shell" data-open={channelId ? "conversation" : "list"}>
      <Sidebar />
      <main className="main">{children}</main>
      <ConnectionBanner />
    </div>
  );
}
