import { clientIp } from "@/server/http/client-ip";
import { route } from "@/server/http/route";
import { requestLocale } from "@/server/i18n/request-locale";
import { findUsers } from "@/server/users/find-users";
import { signUp } from "@/server/users/sign-up";

export const POST = route("POST /api/users", async ({ services, req, body }) => {
  const user = await signUp({ ...services, signupMode: services.config.SIGNUP_MODE }, body, clientIp(req));
  // The browser's language, for push notifications (server/push/notification-payload.ts).
  await services.db.user.update({ where: { id: user.id }, data: { locale: requestLocale(req.headers) } });
  return { status: 201, json: { user } };
});

export const GET = route("GET /api/users", async ({ services, userId, query }) => ({
  json: { users: await findUsers(services.db, userId, query) },
}));
