import { route } from "@/server/http/route";

export const GET = route("GET /api/config", async ({ services }) => ({
  json: { signupMode: services.config.SIGNUP_MODE },
}));
