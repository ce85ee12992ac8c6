import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { auth } from "@/server/auth/nextauth";
import { ChatShell } from "./_components/chat-shell";

export const metadata: Metadata = { title: "Chat" };

export default async function ChatLayout({ children }: { children: React.ReactNode }) {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) redirect("/login");
  return <ChatShell me={{ id, name: session.user?.name ?? "" }}>{children}</ChatShell>;
}
