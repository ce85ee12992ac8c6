// PUT /api/me/avatar, the domain part: the picture streams into staging (refused at the size
// limit), its type comes from its bytes (JPEG, PNG, GIF or WebP, nothing else), its sides are
// checked from its header, and sharp writes the stored copy: a square WebP with no metadata.
// Only then does it reach the FileStore and the user's row. A refusal changes nothing: no
// object, no staging file, the old picture still there.
import { randomUUID } from "node:crypto";
import fsp from "node:fs/promises";
import type http from "node:http";
import path from "node:path";
import { LIMITS } from "../../lib/contract/limits";
import type { MySettings } from "../../lib/contract/models";
import { AppError } from "../errors";
import { type AvatarDeps, setAvatar } from "../users/set-avatar";
import { detectType, IMAGE_TYPES } from "./detect-type";
import { receiveUpload } from "./receive-upload";
import { FRAMING_BYTES, type FileServices } from "./upload-attachment";

const MAX = LIMITS.avatarMaxBytes;

export async function uploadAvatar(deps: AvatarDeps & { files: FileServices }, userId: string, req: http.IncomingMessage): Promise<MySettings> {
  const { files, log } = deps;
  if (Number(req.headers["content-length"] ?? 0) > MAX + FRAMING_BYTES) throw tooLarge();
  const received = await receiveUpload(req, files.stagingDir, { maxBytes: MAX, overLimit: tooLarge });
  const id = randomUUID().replaceAll("-", "");
  const outPath = path.join(files.stagingDir, `${id}.avatar`);
  let stored = false;
  try {
    if (!IMAGE_TYPES.has(await detectType(received.head))) {
      throw new AppError("invalid", "a profile picture must be a JPEG, PNG, GIF or WebP image");
    }
    const made = await files.images.avatar(received.path, outPath, { px: LIMITS.avatarPx, minPx: LIMITS.avatarMinPx, maxPx: LIMITS.avatarMaxPx });
    if (!made.ok && made.reason === "size") {
      throw new AppError(
        "invalid",
        `a profile picture must be between ${LIMITS.avatarMinPx} and ${LIMITS.avatarMaxPx} pixels a side (this one is ${made.width}×${made.height})`,
      );
    }
    if (!made.ok) throw new AppError("invalid", "the image could not be read (damaged or too large)");
    await files.store.putFile(id, outPath, "image/webp");
    stored = true;
    return await setAvatar(deps, userId, id);
  } catch (err) {
    if (stored) await files.store.delete([id]).catch((e: unknown) => log.error({ err: e, key: id }, "could not delete the object of a failed avatar upload"));
    throw err;
  } finally {
    await Promise.all([received.path, outPath].map((p) => fsp.rm(p, { force: true })));
  }
}

const tooLarge = () => new AppError("too_large", `a profile picture may have at most ${MAX / 1024 / 1024} MiB`);
