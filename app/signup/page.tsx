import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { auth } from "@/server/auth/nextauth";
import { SignupForm } from "./signup-form";

export const metadata: Metadata = { title: "Sign up · Chat" };

export default async function SignupPage() {
  const session = await auth();
  if (session?.user?.id) redirect("/c");
  return (
    <main className="auth-page">
      <SignupForm />
    </main>
  );
}
