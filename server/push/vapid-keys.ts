// VAPID keys identify this server to browsers' push services. From the environment when set;
// otherwise generated once and kept in the database, so every node signs with the same key and
// existing browser subscriptions stay valid across restarts.
import webpush from "web-push";
import type { Db } from "../db/types";

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

export async function resolveVapidKeys(
  db: Db,
  env: { VAPID_PUBLIC_KEY?: string; VAPID_PRIVATE_KEY?: string; VAPID_SUBJECT: string },
): Promise<VapidKeys> {
  if (env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY) {
    return { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY, subject: env.VAPID_SUBJECT };
  }
  const fresh = webpush.generateVAPIDKeys();
  // First node to get here wins; the others read what it stored.
  await db.appSetting.createMany({
    data: [
      { key: "vapid.publicKey", value: fresh.publicKey },
      { key: "vapid.privateKey", value: fresh.privateKey },
    ],
    skipDuplicates: true,
  });
  const rows = await db.appSetting.findMany({ where: { key: { in: ["vapid.publicKey", "vapid.privateKey"] } } });
  const get = (k: string) => rows.find((r) => r.key === k)?.value;
  const publicKey = get("vapid.publicKey");
  const privateKey = get("vapid.privateKey");
  if (!publicKey || !privateKey) throw new Error("VAPID keys missing from AppSetting");
  return { publicKey, privateKey, subject: env.VAPID_SUBJECT };
}
