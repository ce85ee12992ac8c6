import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { auth } from "@/server/auth/nextauth";
import { getRuntime } from "@/server/runtime";
import { getUser } from "@/server/users/find-users";
import { ChatShell } from "./_components/chat-shell";

export const metadata: Metadata = { title: "Chat" };

export default async function ChatLayout({ children }: { children: React.ReactNode }) {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) redirect("/login");
  // The name and picture as they are now: the session's copy dates from the log-in.
  const user = await getUser(getRuntime().db, id, id).catch(() => null);
  const me = { id, name: user?.name ?? session.user?.name ?? "", avatarUrl: user?.avatarUrl ?? null };
  return <ChatShell me={me}>{children}</ChatShell>;
}
