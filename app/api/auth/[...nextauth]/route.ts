import { handlers } from "@/server/auth/nextauth";
import { withProtocolErrors } from "@/server/http/auth-errors";

export const GET = withProtocolErrors(handlers.GET);
export const POST = withProtocolErrors(handlers.POST);
