import { isLocale, type Locale } from "../../lib/i18n/locales";

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

/** The words of a notification in each UI language (the recipient's, User.locale). */
const WORDS = {
  en: {
    inGroup: (sender: string, group: string | null) => `${sender} in ${group ?? "a group"}`,
    someone: "Someone",
    mentioned: "Mentioned you",
    newMessage: "New message",
    photo: "Photo",
  },
  ko: {
    inGroup: (sender: string, group: string | null) => `${sender} (${group ?? "그룹"})`,
    someone: "알 수 없음",
    mentioned: "회원님을 멘션했습니다",
    newMessage: "새 메시지",
    photo: "사진",
  },
} satisfies Record<Locale, unknown>;

export function buildNotification(input: {
  channel: { id: string; kind: "direct" | "group"; name: string | null };
  /** null: the sender is gone. */
  senderName: string | null;
  /** The recipient's language; anything unknown reads as English. */
  locale?: string;
  seq: number;
  body: string;
  showPreview: boolean;
  mentioned: boolean;
  /** The message's first file: what the notification says when there is no text. */
  firstFile?: { name: string; type: string } | null;
}): NotificationPayload {
  const { channel, seq, body, showPreview, mentioned, firstFile } = input;
  const w = WORDS[isLocale(input.locale) ? input.locale : "en"];
  const senderName = input.senderName ?? w.someone;
  const title = channel.kind === "group" ? w.inGroup(senderName, channel.name) : senderName;
  const text = body.replace(/\s+/g, " ").trim();
  const chars = [...(text === "" && firstFile ? fileLabel(firstFile, w.photo) : text)];
  const preview = chars.length > PREVIEW_CHARS ? chars.slice(0, PREVIEW_CHARS - 1).join("") + "…" : chars.join("");
  const hidden = mentioned ? w.mentioned : w.newMessage;
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
function fileLabel(f: { name: string; type: string }, photo: string): string {
  return /^image\/(jpeg|png|gif|webp)$/.test(f.type) ? photo : f.name;
}
