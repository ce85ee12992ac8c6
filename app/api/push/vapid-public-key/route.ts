import { route } from "@/server/http/route";

/** The application server key browsers need for pushManager.subscribe (public by design). */
export const GET = route(async ({ rt }) => ({ json: { publicKey: rt.vapidPublicKey } }), { auth: false });
