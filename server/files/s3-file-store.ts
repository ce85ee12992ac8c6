// Files in an S3-compatible bucket (AWS S3, MinIO, R2, ...), through the official AWS SDK. A put
// streams the staged file with lib-storage's Upload (multipart for large files, a few parts in
// flight): memory stays bounded whatever the size. S3 makes an object visible only once it is
// whole, so a reader never sees part of one.
import fs from "node:fs";
import type { Readable } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  S3Client,
  type S3ClientConfig,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { checkKey, type FileStore } from "./file-store";

export interface S3Options {
  bucket: string;
  region: string;
  endpoint?: string;
  forcePathStyle: boolean;
  credentials?: S3ClientConfig["credentials"];
}

const PART_BYTES = 8 * 1024 * 1024;

export function createS3FileStore(o: S3Options): FileStore {
  const client = new S3Client({
    region: o.region,
    endpoint: o.endpoint,
    forcePathStyle: o.forcePathStyle,
    credentials: o.credentials,
    // Checksums only where S3 requires them: S3-compatible servers do not all know the newer ones.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const Bucket = o.bucket;
  const notFound = (err: unknown) =>
    err instanceof NoSuchKey || (err as { name?: string }).name === "NotFound" || (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;

  return {
    kind: "s3",
    async putFile(key, sourcePath, contentType) {
      const upload = new Upload({
        client,
        params: { Bucket, Key: checkKey(key), Body: fs.createReadStream(sourcePath), ContentType: contentType },
        partSize: PART_BYTES,
        queueSize: 2,
        // A failed multipart upload is aborted: no parts are left in the bucket.
        leavePartsOnError: false,
      });
      await upload.done();
    },
    async get(key, range) {
      try {
        const r = await client.send(
          new GetObjectCommand({ Bucket, Key: checkKey(key), Range: range ? `bytes=${range.start}-${range.end}` : undefined }),
        );
        // The whole object's size: from Content-Range when a range was asked for.
        const total = r.ContentRange ? Number(r.ContentRange.split("/")[1]) : Number(r.ContentLength ?? 0);
        return { body: r.Body as Readable, size: total };
      } catch (err) {
        if (notFound(err)) return null;
        throw err;
      }
    },
    async delete(keys) {
      // One request per key, a few at a time: DeleteObjects needs a Content-MD5 that newer SDKs
      // replace with CRC32, which some S3-compatible servers refuse.
      for (let i = 0; i < keys.length; i += 8) {
        await Promise.all(keys.slice(i, i + 8).map((k) => client.send(new DeleteObjectCommand({ Bucket, Key: checkKey(k) }))));
      }
    },
    async has(key) {
      try {
        await client.send(new HeadObjectCommand({ Bucket, Key: checkKey(key) }));
        return true;
      } catch (err) {
        if (notFound(err)) return false;
        throw err;
      }
    },
    async check() {
      try {
        await client.send(new HeadBucketCommand({ Bucket }));
      } catch (err) {
        const e = err as { name?: string; message?: string };
        throw new Error(`S3_BUCKET ${Bucket}: not usable (${e.name ?? "error"}: ${e.message ?? ""}); check S3_ENDPOINT, S3_REGION and the credentials`);
      }
    },
    async list() {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const r = await client.send(new ListObjectsV2Command({ Bucket, ContinuationToken: token }));
        for (const o of r.Contents ?? []) if (o.Key) keys.push(o.Key);
        token = r.IsTruncated ? r.NextContinuationToken : undefined;
      } while (token);
      return keys;
    },
  };
}
