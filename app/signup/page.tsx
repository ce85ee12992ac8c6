import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { auth } from "@/server/auth/nextauth";
import { getRuntime } from "@/server/runtime";
import { SignupForm } from "./signup-form";

export const metadata: Metadata = { title: "Sign up · Chat" };

export default async function SignupPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await auth();
  if (session?.user?.id) redirect("/c");
  const invite = (await searchParams).invite;
  return (
    <main className="auth-page">
      <SignupForm mode={getRuntime().config.SIGNUP_MODE} inviteCode={typeof invite === "string" && invite ? invite : undefined} />
    </main>
  );
}
