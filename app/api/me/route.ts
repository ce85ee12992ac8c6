import { route } from "@/server/http/route";
import { updateMySettings } from "@/server/push/notification-settings";
import { getUser } from "@/server/users/find-users";

export const GET = route(async ({ rt, userId }) => ({ json: { user: await getUser(rt.db, userId, userId) } }));

/** `{notificationPreviews: boolean}` */
export const PATCH = route(async ({ rt, userId, body }) => ({ json: { user: await updateMySettings(rt.db, userId, body) } }));
