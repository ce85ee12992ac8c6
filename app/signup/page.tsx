import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { auth } from "@/server/auth/nextauth";
import { getRuntime } from "@/server/runtime";
import { SignupForm } from "./signup-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("signupPageTitle") };
}

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
