import { issueApiToken } from "@/server/auth/api-tokens";
import { clientIp } from "@/server/http/client-ip";
import { route } from "@/server/http/route";
import { toUserDto } from "@/server/users/user-dto";
import { verifyCredentials } from "@/server/users/verify-credentials";

export const POST = route("POST /api/tokens", async ({ services, req, body }) => {
  const user = await verifyCredentials(services.db, services.loginLimiter, body, clientIp(req));
  const token = await issueApiToken(services, user.id, {
    ttlDays: services.config.TOKEN_TTL_DAYS,
    maxPerUser: services.config.MAX_TOKENS_PER_USER,
    userAgent: req.headers.get("user-agent"),
  });
  return { json: { token, user: toUserDto(user, user.id) } };
});
