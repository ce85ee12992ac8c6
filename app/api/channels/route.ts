import { createChannel } from "@/server/channels/create-channel";
import { listChannels } from "@/server/channels/list-channels";
import { route } from "@/server/http/route";

export const GET = route(async ({ rt, userId }) => ({ json: { channels: await listChannels(rt.db, userId) } }));

export const POST = route(async ({ rt, userId, body }) => {
  const { channel, created } = await createChannel(rt, userId, body);
  return { status: created ? 201 : 200, json: { channel } };
});
