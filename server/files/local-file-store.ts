// Files in a folder: DATA_DIR/files/objects/<first two characters>/<key>. A put is a rename of
// the staged file (staging lives in the same folder tree, so the rename is atomic): a reader
// sees the whole file or none.
import fsp from "node:fs/promises";
import path from "node:path";
import { checkKey, type FileStore } from "./file-store";

export function createLocalFileStore(dataDir: string): FileStore {
  const root = path.join(dataDir, "files", "objects");
  const where = (key: string) => path.join(root, checkKey(key).slice(0, 2), key);
  const missing = (err: unknown) => (err as NodeJS.ErrnoException).code === "ENOENT";

  return {
    kind: "local",
    async putFile(key, sourcePath) {
      const target = where(key);
      await fsp.mkdir(path.dirname(target), { recursive: true });
      await fsp.rename(sourcePath, target);
    },
    async get(key, range) {
      const file = where(key);
      let handle: fsp.FileHandle;
      try {
        handle = await fsp.open(file, "r");
      } catch (err) {
        if (missing(err)) return null;
        throw err;
      }
      const { size } = await handle.stat();
      // The stream owns the handle from here: a delete meanwhile still reads the old bytes.
      return { body: handle.createReadStream({ start: range?.start, end: range?.end }), size };
    },
    async delete(keys) {
      await Promise.all(keys.map((k) => fsp.rm(where(k), { force: true })));
    },
    async has(key) {
      return fsp.access(where(key)).then(
        () => true,
        () => false,
      );
    },
    async check() {
      await fsp.mkdir(root, { recursive: true });
    },
    async list() {
      const dirs = await fsp.readdir(root).catch(() => [] as string[]);
      const lists = await Promise.all(dirs.map((d) => fsp.readdir(path.join(root, d)).catch(() => [] as string[])));
      return lists.flat();
    },
  };
}
