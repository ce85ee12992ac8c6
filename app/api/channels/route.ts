import { createChannel } from "@/server/channels/create-channel";
import { listChannels } from "@/server/channels/list-channels";
import { route } from "@/server/http/route";

export const GET = route("GET /api/channels", async ({ services, userId }) => ({
  json: { channels: await listChannels(services.db, userId) },
}));

export const POST = route("POST /api/channels", async ({ services, userId, body }) => {
  const { channel, created } = await createChannel(services, userId, body);
  return { status: created ? 201 : 200, json: { channel } };
});
