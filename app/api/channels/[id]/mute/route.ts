import { route } from "@/server/http/route";
import { setChannelMuted } from "@/server/push/notification-settings";

/** `{muted: boolean}` */
export const PUT = route(async ({ rt, userId, params, body }) => ({ json: await setChannelMuted(rt.db, userId, params.id!, body) }));
