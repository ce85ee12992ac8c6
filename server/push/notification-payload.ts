// What a push notification says. Kept small: push services cap payloads at about 4 KB.
export interface NotificationPayload {
  title: string;
  body: string;
  /** One notification per channel: later ones replace earlier ones instead of piling up. */
  tag: string;
  url: string;
  channelId: string;
  seq: number;
}

const PREVIEW_CHARS = 140;

export function buildNotification(input: {
  channel: { id: string; kind: "direct" | "group"; name: string | null };
  senderName: string;
  seq: number;
  body: string;
  showPreview: boolean;
  mentioned: boolean;
}): NotificationPayload {
  const { channel, senderName, seq, body, showPreview, mentioned } = input;
  const title = channel.kind === "group" ? `${senderName} in ${channel.name ?? "a group"}` : senderName;
  const chars = [...body.replace(/\s+/g, " ").trim()];
  const preview = chars.length > PREVIEW_CHARS ? chars.slice(0, PREVIEW_CHARS - 1).join("") + "…" : chars.join("");
  const hidden = mentioned ? "Mentioned you" : "New message";
  return {
    title,
    body: showPreview ? preview : hidden,
    tag: `channel:${channel.id}`,
    url: `/c/${channel.id}/m/${seq}`,
    channelId: channel.id,
    seq,
  };
}
