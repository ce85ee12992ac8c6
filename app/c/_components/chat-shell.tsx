"use client";
import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { startChat, stopChat } from "@/app/_client/chat-connection";
import { warmOfflineCache } from "@/app/_client/offline-cache";
import { onNotificationOpen, registerServiceWorker } from "@/app/_client/push-notifications";
import { useChat } from "@/app/_client/use-chat";
import { ConnectionBanner } from "./connection-banner";
import { NoticeToast } from "./notice-toast";
import { Sidebar } from "./sidebar";
import { SidePanel } from "./side-panel";
import { useOpenAddress } from "./use-open-address";

export function ChatShell({ me, children }: { me: { id: string; name: string; avatarUrl: string | null }; children: React.ReactNode }) {
  const { channelId } = useOpenAddress();
  const router = useRouter();
  const status = useChat((s) => s.status);
  const panelOpen = useChat((s) => s.panel !== null);

  useEffect(() => {
    startChat({ id: me.id, name: me.name, avatarUrl: me.avatarUrl });
  }, [me.id, me.name, me.avatarUrl]);

  // The service worker shows push notifications (a click on one asks this window to open it)
  // and keeps the app shell for offline use.
  useEffect(() => {
    const served = "serviceWorker" in navigator && navigator.serviceWorker.controller !== null;
    void registerServiceWorker().then((reg) => {
      if (reg) void warmOfflineCache(served);
    });
    return onNotificationOpen((url) => router.push(url));
  }, [router]);

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
    <div className="shell" data-open={channelId ? "conversation" : "list"} data-panel={panelOpen ? "open" : "closed"}>
      <Sidebar />
      <main className="main">{children}</main>
      <SidePanel openChannelId={channelId} />
      <ConnectionBanner />
      <NoticeToast />
    </div>
  );
}
