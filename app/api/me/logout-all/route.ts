import { route } from "@/server/http/route";
import { logOutEverywhere } from "@/server/users/sessions";

/** Ends every session and token of the caller, this one included. */
export const POST = route(async ({ rt, userId }) => {
  await logOutEverywhere(rt.db, userId);
  return new Response(null, { status: 204 });
});
