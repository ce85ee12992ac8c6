// What the server makes of an image upload, with sharp (libvips on libuv's thread pool: the event
// loop only waits). The served copy is re-encoded in its own format, turned upright by its EXIF
// orientation and WITHOUT any metadata (GPS position, camera, ...): sharp writes none unless
// asked. The thumbnail is WebP, at most THUMB_PX on its longer side. At most `concurrency`
// images are decoded at once per process: each may take tens of MB of memory.
import sharp from "sharp";

export const THUMB_PX = 480;
/** Larger images (decompression bombs included) are not decoded: they are kept as plain files. */
const MAX_PIXELS = 50_000_000;

export interface ProcessedImage {
  width: number;
  height: number;
  /** Bytes of the served copy. */
  size: number;
}

/** A profile picture: written, or why not (the sides are read from the header, before decoding). */
export type AvatarResult = { ok: true } | { ok: false; reason: "unreadable" } | { ok: false; reason: "size"; width: number; height: number };

export interface AvatarRules {
  /** The stored square's side. */
  px: number;
  minPx: number;
  maxPx: number;
}

export interface ImagePipeline {
  /** Writes the served copy to `fullPath` and the thumbnail to `thumbPath`; null when it is not a readable image. */
  process(sourcePath: string, type: string, fullPath: string, thumbPath: string): Promise<ProcessedImage | null>;
  /**
   * Writes a profile picture to `outPath`: upright, cropped to its centre square, `px` a side,
   * WebP, no metadata (an animation's first frame). Sides outside minPx..maxPx are refused.
   */
  avatar(sourcePath: string, outPath: string, rules: AvatarRules): Promise<AvatarResult>;
}

export function createImagePipeline(concurrency: number): ImagePipeline {
  // libvips' operation cache keeps decoded images around for reuse we never make (each upload
  // is read once): without it memory falls back after each image.
  sharp.cache(false);
  const gate = createGate(concurrency);
  return {
    process: (sourcePath, type, fullPath, thumbPath) =>
      gate(async () => {
        const animated = type === "image/gif" || type === "image/webp";
        const open = (all: boolean) => sharp(sourcePath, { animated: all, limitInputPixels: MAX_PIXELS, failOn: "error" });
        try {
          const full = open(animated).autoOrient();
          const encoded =
            type === "image/jpeg"
              ? full.jpeg({ quality: 90 })
              : type === "image/png"
                ? full.png()
                : type === "image/gif"
                  ? full.gif()
                  : full.webp({ quality: 90 });
          const info = await encoded.toFile(fullPath);
          // An animation's frames are stacked: its height is one frame's.
          const meta = await sharp(fullPath, { animated }).metadata();
          await open(false)
            .autoOrient()
            .resize({ width: THUMB_PX, height: THUMB_PX, fit: "inside", withoutEnlargement: true })
            .webp({ quality: 75 })
            .toFile(thumbPath);
          return { width: meta.width ?? info.width, height: meta.pageHeight ?? meta.height ?? info.height, size: info.size };
        } catch {
          return null;
        }
      }),
    avatar: (sourcePath, outPath, rules) =>
      gate(async (): Promise<AvatarResult> => {
        const open = () => sharp(sourcePath, { limitInputPixels: MAX_PIXELS, failOn: "error" });
        try {
          // The header alone: a huge image is refused without decoding it.
          const { width = 0, height = 0 } = await open().metadata();
          if (Math.min(width, height) < rules.minPx || Math.max(width, height) > rules.maxPx) return { ok: false, reason: "size", width, height };
          await open().autoOrient().resize({ width: rules.px, height: rules.px, fit: "cover", position: "centre" }).webp({ quality: 85 }).toFile(outPath);
          return { ok: true };
        } catch {
          return { ok: false, reason: "unreadable" };
        }
      }),
  };
}

/** At most `n` tasks at a time; the rest wait in order. */
function createGate(n: number) {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    // A finishing task hands its slot straight to the next waiter.
    if (running >= n) await new Promise<void>((r) => waiting.push(r));
    else running++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
