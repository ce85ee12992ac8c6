import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

describe("loadConfig", () => {
  it("has defaults that serve on port 3000 with the embedded database", () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.dataDir).toBe(path.resolve("./data"));
  });

  it("treats empty variables as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", PORT: "" }).PORT).toBe(3000);
  });

  it("names every bad variable in one error", () => {
    const bad = () => loadConfig({ PORT: "70000", DATABASE_URL: "mysql://x", AUTH_SECRET: "short", DB_POOL_MAX: "0" });
    expect(bad).toThrow(ConfigError);
    try {
      bad();
    } catch (err) {
      const msg = (err as Error).message;
      for (const name of ["PORT", "DATABASE_URL", "AUTH_SECRET", "DB_POOL_MAX"]) expect(msg).toContain(name);
    }
  });

  it("takes a node for dead only after several missed heartbeats", () => {
    expect(loadConfig({})).toMatchObject({ NODE_HEARTBEAT_MS: 2000, NODE_TIMEOUT_MS: 10_000 });
    expect(loadConfig({ NODE_HEARTBEAT_MS: "300", NODE_TIMEOUT_MS: "900" }).NODE_TIMEOUT_MS).toBe(900);
    expect(() => loadConfig({ NODE_HEARTBEAT_MS: "5000" })).toThrow(/NODE_TIMEOUT_MS/);
  });

  it("reads TRUSTED_PROXIES as addresses and ranges, and names a bad entry", () => {
    expect(loadConfig({ TRUSTED_PROXIES: "127.0.0.1, 10.0.0.0/8" }).TRUSTED_PROXIES).toEqual(["127.0.0.1", "10.0.0.0/8"]);
    expect(loadConfig({}).TRUSTED_PROXIES).toEqual([]);
    expect(() => loadConfig({ TRUSTED_PROXIES: "10.0.0.0/8,proxy.local" })).toThrow(/TRUSTED_PROXIES/);
  });

  it("reads the push retry delays as milliseconds, and wants a lease longer than two push timeouts", () => {
    expect(loadConfig({}).PUSH_RETRY_DELAYS_MS).toEqual([5_000, 30_000, 120_000, 600_000, 3_600_000]);
    expect(loadConfig({ PUSH_RETRY_DELAYS_MS: "200, 1000" }).PUSH_RETRY_DELAYS_MS).toEqual([200, 1000]);
    for (const bad of ["5s", "100,,200", "0", "-5"]) expect(() => loadConfig({ PUSH_RETRY_DELAYS_MS: bad })).toThrow(/PUSH_RETRY_DELAYS_MS/);
    expect(loadConfig({ PUSH_TIMEOUT_MS: "1000", PUSH_LEASE_MS: "2500" }).PUSH_LEASE_MS).toBe(2500);
    expect(() => loadConfig({ PUSH_TIMEOUT_MS: "1000", PUSH_LEASE_MS: "2000" })).toThrow(/PUSH_LEASE_MS: must be more than twice PUSH_TIMEOUT_MS/);
  });

  it("takes a metrics token of 16+ characters and a shutdown delay of at most 2 minutes", () => {
    const c = loadConfig({ METRICS_TOKEN: "0123456789abcdef", SHUTDOWN_DELAY_MS: "5000" });
    expect(c.METRICS_TOKEN).toBe("0123456789abcdef");
    expect(c.SHUTDOWN_DELAY_MS).toBe(5000);
    expect(loadConfig({}).SHUTDOWN_DELAY_MS).toBe(0);
    expect(() => loadConfig({ METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN/);
    expect(() => loadConfig({ SHUTDOWN_DELAY_MS: "600000" })).toThrow(/SHUTDOWN_DELAY_MS/);
  });

  it("keeps files in DATA_DIR unless S3_BUCKET is set, and checks the S3 settings together", () => {
    const local = loadConfig({});
    expect([local.S3_BUCKET, local.UPLOAD_MAX_BYTES, local.UPLOAD_UNSENT_TTL_SECONDS]).toEqual([undefined, 25 * 1024 * 1024, 86400]);
    const s3 = loadConfig({ S3_BUCKET: "chat-files", S3_ENDPOINT: "http://127.0.0.1:9000", S3_FORCE_PATH_STYLE: "1", S3_ACCESS_KEY_ID: "k", S3_SECRET_ACCESS_KEY: "s" });
    expect([s3.S3_BUCKET, s3.S3_REGION, s3.S3_FORCE_PATH_STYLE]).toEqual(["chat-files", "us-east-1", true]);
    expect(() => loadConfig({ S3_ENDPOINT: "http://127.0.0.1:9000" })).toThrow(/S3_BUCKET: required/);
    expect(() => loadConfig({ S3_BUCKET: "chat-files", S3_ACCESS_KEY_ID: "k" })).toThrow(/S3_SECRET_ACCESS_KEY/);
    expect(() => loadConfig({ S3_ENDPOINT: "not a url", S3_BUCKET: "b-b" })).toThrow(/S3_ENDPOINT/);
    expect(() => loadConfig({ UPLOAD_MAX_BYTES: "0" })).toThrow(/UPLOAD_MAX_BYTES/);
  });
});
