// The signed-in user's own profile: display name and picture. Each change puts the server's
// answer in the store at once (the `user:update` event that follows says the same).
import { LIMITS } from "@/lib/contract/limits";
import type { MySettings } from "@/lib/contract/models";
import { ApiError, api } from "./api";
import { putUsers } from "./store";

export async function changeName(name: string): Promise<MySettings> {
  const { user } = await api("PATCH /api/me", { body: { name } });
  putUsers([user]);
  return user;
}

/**
 * PUT /api/me/avatar streams (lib/contract/http.ts `stream: true`), so it is not called through
 * api(); errors take api()'s shape. Too large is refused here first, without sending the bytes.
 */
export async function uploadAvatar(file: Blob, name: string): Promise<MySettings> {
  if (file.size > LIMITS.avatarMaxBytes) throw new ApiError(413, "too_large", `a profile picture may have at most ${LIMITS.avatarMaxBytes / 1024 / 1024} MiB`);
  const form = new FormData();
  form.append("file", file, name);
  let res: Response;
  try {
    res = await fetch("/api/me/avatar", { method: "PUT", credentials: "same-origin", headers: { accept: "application/json" }, body: form });
  } catch {
    throw new ApiError(0, "network", "Cannot reach the server");
  }
  const data = (await res.json().catch(() => undefined)) as { user?: MySettings; error?: { code?: ApiError["code"]; message?: string } } | undefined;
  if (!res.ok || !data?.user) throw new ApiError(res.status, data?.error?.code ?? "internal", data?.error?.message ?? `Request failed (${res.status})`);
  putUsers([data.user]);
  return data.user;
}

export async function removeAvatar(): Promise<MySettings> {
  const { user } = await api("DELETE /api/me/avatar");
  putUsers([user]);
  return user;
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await api("PUT /api/me/password", { body: { currentPassword, newPassword } });
}
