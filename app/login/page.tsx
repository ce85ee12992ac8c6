import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { auth } from "@/server/auth/nextauth";
import { LoginForm } from "./login-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("loginPageTitle") };
}

export default async function LoginPage() {
  const session = await auth();
  if (session?.user?.id) redirect("/c");
  return (
    <main className="auth-page">
      <LoginForm />
    </main>
  );
}
