// Reads a multipart/form-data upload (one part `file`) from the Node request into a staging file,
// streaming: busboy parses as bytes arrive, a counter stops at the limit, and the file on disk is
// the only copy (memory holds a chunk or two plus the first bytes kept for type detection).
// Over the limit, or when the client aborts, or on a malformed body: the staging file is removed
// and the promise rejects; the caller answers and the rest of the body is never stored.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import type http from "node:http";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import busboy from "busboy";
import { AppError } from "../errors";
import { SNIFF_BYTES } from "./detect-type";

export interface ReceivedFile {
  /** The staged bytes: the caller moves or removes it. */
  path: string;
  size: number;
  /** The first bytes, for type detection. */
  head: Buffer;
  /** As the client sent it (not yet made safe). */
  name: string;
}

export interface ReceiveLimits {
  /** Bytes the file may have. */
  maxBytes: number;
  /** The error when it has more (413 for the size limit, 429 for the quota). */
  overLimit: () => AppError;
}

export function receiveUpload(req: http.IncomingMessage, stagingDir: string, limits: ReceiveLimits): Promise<ReceivedFile> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // Browsers send a file's name as raw UTF-8 in the part's header.
        defParamCharset: "utf8",
        limits: { files: 1, fileSize: limits.maxBytes, fields: 10, fieldSize: 1024, parts: 20, headerPairs: 50 },
      });
    } catch {
      reject(new AppError("invalid", "the body must be multipart/form-data with one part named file"));
      return;
    }
    const staged = path.join(stagingDir, `${randomUUID()}.part`);
    let file: Promise<ReceivedFile> | null = null;
    let source: NodeJS.ReadableStream & { destroy(err?: Error): void } | null = null;
    let done = false;

    const fail = (err: unknown) => {
      if (done) return;
      done = true;
      req.unpipe(parser);
      parser.removeAllListeners("file");
      // Ends the pipeline (a client that went away would otherwise leave it waiting forever).
      source?.destroy(err instanceof Error ? err : undefined);
      // Nothing of a refused upload stays: the staging file goes once its stream has stopped.
      void (file ?? Promise.resolve())
        .catch(() => {})
        .finally(() => fsp.rm(staged, { force: true }).catch(() => {}));
      reject(err);
    };

    parser.on("file", (field, stream, info) => {
      if (field !== "file" || file) {
        stream.resume();
        return;
      }
      source = stream;
      let size = 0;
      const head: Buffer[] = [];
      let headBytes = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          size += chunk.length;
          if (headBytes < SNIFF_BYTES) {
            const part = chunk.subarray(0, SNIFF_BYTES - headBytes);
            head.push(part);
            headBytes += part.length;
          }
          cb(null, chunk);
        },
      });
      // busboy stops passing bytes at the limit and says so: the upload is refused right there.
      stream.once("limit", () => {
        const err = limits.overLimit();
        counter.destroy(err);
        fail(err);
      });
      file = pipeline(stream, counter, fs.createWriteStream(staged, { flags: "wx" })).then(() => ({
        path: staged,
        size,
        head: Buffer.concat(head),
        name: info.filename ?? "",
      }));
      file.catch(fail);
    });
    parser.once("error", () => fail(new AppError("invalid", "malformed multipart/form-data body")));
    parser.once("close", () => {
      if (done) return;
      if (!file) return fail(new AppError("invalid", "the body must have a part named file"));
      file.then((f) => {
        if (done) return;
        done = true;
        resolve(f);
      }, fail);
    });
    // A client that goes away mid-upload: busboy never finishes.
    req.once("close", () => {
      if (!req.complete) fail(new AppError("invalid", "the upload was aborted"));
    });
    req.pipe(parser);
  });
}
