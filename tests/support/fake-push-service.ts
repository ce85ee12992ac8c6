// A local HTTPS push service standing in for the browsers' ones (unreachable here). It checks
// each request's VAPID JWT, decrypts the aes128gcm payload with the subscription's private key,
// and answers 201 — or 410 for endpoints marked gone, as real services do for expired ones.
import { execFileSync } from "node:child_process";
import { createECDH, createPublicKey, randomBytes, verify } from "node:crypto";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
// @ts-expect-error http_ece ships no types
import ece from "http_ece";

export interface ReceivedPush {
  subscription: string;
  payload: Record<string, unknown>;
  vapid: { aud: string; exp: number; sub: string };
  ttl: string | undefined;
  urgency: string | undefined;
}

export interface FakeSubscription {
  id: string;
  json: { endpoint: string; keys: { p256dh: string; auth: string } };
  decrypt(body: Buffer): string;
}

export async function startFakePushService() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fake-push-"));
  const key = path.join(dir, "key.pem");
  const cert = path.join(dir, "cert.pem");
  execFileSync("openssl", [
    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
    "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", key, "-out", cert,
  ], { stdio: "ignore" });
  const subs = new Map<string, FakeSubscription>();
  const gone = new Set<string>();
  const received: ReceivedPush[] = [];
  const problems: string[] = [];

  const server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const id = (req.url ?? "").split("/").pop() ?? "";
      const sub = subs.get(id);
      if (!sub) return void res.writeHead(404).end();
      if (gone.has(id)) return void res.writeHead(410).end();
      try {
        const vapid = checkVapid(String(req.headers.authorization ?? ""), `https://127.0.0.1:${port()}`);
        if (req.headers["content-encoding"] !== "aes128gcm") throw new Error(`content-encoding ${req.headers["content-encoding"]}`);
        const payload = JSON.parse(sub.decrypt(Buffer.concat(chunks)));
        received.push({ subscription: id, payload, vapid, ttl: req.headers.ttl as string | undefined, urgency: req.headers.urgency as string | undefined });
        res.writeHead(201).end();
      } catch (err) {
        problems.push(String(err));
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = () => (server.address() as { port: number }).port;

  return {
    ca: fs.readFileSync(cert),
    received,
    problems,
    /** A new browser subscription (its keys stay here, as in a browser). */
    subscribe(): FakeSubscription {
      const id = randomBytes(8).toString("hex");
      const ecdh = createECDH("prime256v1");
      ecdh.generateKeys();
      const auth = randomBytes(16).toString("base64url");
      const sub: FakeSubscription = {
        id,
        json: { endpoint: `https://127.0.0.1:${port()}/push/${id}`, keys: { p256dh: ecdh.getPublicKey("base64url"), auth } },
        decrypt: (body) => ece.decrypt(body, { version: "aes128gcm", privateKey: ecdh, authSecret: auth }).toString("utf8"),
      };
      subs.set(id, sub);
      return sub;
    },
    markGone(id: string) {
      gone.add(id);
    },
    async stop() {
      await new Promise<void>((r) => server.close(() => r()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `vapid t=<JWT>, k=<public key>`: the JWT must be ES256-signed by k, for this origin, unexpired. */
function checkVapid(header: string, origin: string) {
  const m = /^vapid t=([^,]+),\s*k=(\S+)$/.exec(header);
  if (!m) throw new Error(`no VAPID authorization: ${header}`);
  const [h, p, s] = m[1]!.split(".") as [string, string, string];
  const raw = Buffer.from(m[2]!, "base64url");
  const jwk = { kty: "EC", crv: "P-256", x: raw.subarray(1, 33).toString("base64url"), y: raw.subarray(33, 65).toString("base64url") };
  const ok = verify("sha256", Buffer.from(`${h}.${p}`), { key: createPublicKey({ key: jwk, format: "jwk" }), dsaEncoding: "ieee-p1363" }, Buffer.from(s, "base64url"));
  if (!ok) throw new Error("VAPID signature does not verify");
  const claims = JSON.parse(Buffer.from(p, "base64url").toString());
  if (JSON.parse(Buffer.from(h, "base64url").toString()).alg !== "ES256") throw new Error("VAPID alg is not ES256");
  if (claims.aud !== origin) throw new Error(`VAPID aud ${claims.aud} is not ${origin}`);
  if (!(claims.exp > Date.now() / 1000)) throw new Error("VAPID token expired");
  if (!/^(mailto:|https:)/.test(claims.sub)) throw new Error("VAPID sub missing");
  return claims as { aud: string; exp: number; sub: string };
}
