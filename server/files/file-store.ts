// Where the bytes of uploads live. Two back-ends behind one interface: a folder under DATA_DIR
// (one server) or an S3-compatible bucket (several servers: every node must see every file).
// Built once by the composition root (server/app.ts) from the S3_* settings.
import type { Readable } from "node:stream";
import type { Config } from "../config";
import { createLocalFileStore } from "./local-file-store";

export interface StoredObject {
  body: Readable;
  /** Bytes of the whole object. */
  size: number;
}

export interface FileStore {
  readonly kind: "local" | "s3";
  /**
   * Stores the local file at `sourcePath` (a staged upload) under `key`, all or nothing: a reader
   * never sees part of it. The source may be moved away; the caller removes it if still there.
   */
  putFile(key: string, sourcePath: string, contentType: string): Promise<void>;
  /** The object's bytes (`range`: inclusive byte offsets), or null when there is none. */
  get(key: string, range?: { start: number; end: number }): Promise<StoredObject | null>;
  /** Deletes the objects; a missing one is not an error. */
  delete(keys: readonly string[]): Promise<void>;
  /** Whether an object exists (tests and checks). */
  has(key: string): Promise<boolean>;
  /** Keys of every object (tests: nothing left behind). */
  list(): Promise<string[]>;
  /** At start: the folder can be made, or the bucket answers; throws a message naming the setting. */
  check(): Promise<void>;
}

/** Object keys are attachment ids (cuid) with an optional `.thumb`: never a path. */
export function checkKey(key: string): string {
  if (!/^[a-z0-9]{1,64}(\.thumb)?$/i.test(key)) throw new Error(`not an object key: ${key}`);
  return key;
}

export async function createFileStore(config: Config): Promise<FileStore> {
  if (config.S3_BUCKET) {
    // Loaded only when used: the AWS SDK is large and warns about Node versions at import.
    const { createS3FileStore } = await import("./s3-file-store");
    return createS3FileStore({
      bucket: config.S3_BUCKET,
      region: config.S3_REGION,
      endpoint: config.S3_ENDPOINT,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      credentials:
        config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
          ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY }
          : undefined,
    });
  }
  return createLocalFileStore(config.dataDir);
}
