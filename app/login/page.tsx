import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { auth } from "@/server/auth/nextauth";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Log in · Chat" };

export default async function LoginPage() {
  const session = await auth();
  if (session?.user?.id) redirect("/c");
  return (
    <main className="auth-page">
      <LoginForm />
    </main>
  );
}
