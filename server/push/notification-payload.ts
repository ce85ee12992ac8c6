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
  /** The message's first file: what the notification says when there is no text. */
  firstFile?: { name: string; type: string } | null;
}): NotificationPayload {
  const { channel, senderName, seq, body, showPreview, mentioned, firstFile } = input;
  const title = channel.kind === "group" ? `${senderName} in ${channel.name ?? "a group"}` : senderName;
  const text = body.replace(/\s+/g, " ").trim();
  const chars = [...(text === "" && firstFile ? fileLabel(firstFile) : text)];
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

/** A file sent without text: "Photo" for a picture, else its name. */
function fileLabel(f: { name: string; type: string }): string {
  return /^image\/(jpeg|png|gif|webp)$/.test(f.type) ? "Photo" : f.name;
}
