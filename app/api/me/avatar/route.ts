import { route } from "@/server/http/route";
import { setAvatar } from "@/server/users/set-avatar";

// PUT (the upload) streams, so the app's HTTP server answers it before Next (server/files/file-routes.ts).
export const DELETE = route("DELETE /api/me/avatar", async ({ services, userId }) => ({
  json: { user: await setAvatar(services, userId, null) },
}));
