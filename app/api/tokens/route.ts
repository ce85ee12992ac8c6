import { issueApiToken } from "@/server/auth/api-tokens";
import { route } from "@/server/http/route";
import { toUserDto } from "@/server/users/user-dto";
import { verifyCredentials } from "@/server/users/verify-credentials";

export const POST = route(
  async ({ rt, body }) => {
    const user = await verifyCredentials(rt.db, rt.loginLimiter, body);
    const token = await issueApiToken(rt.db, user, rt.config.TOKEN_TTL_DAYS);
    return { json: { token, user: toUserDto(user, user.id) } };
  },
  { auth: false },
);
