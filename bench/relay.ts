// The ceiling the bench compares the product with: a bare Socket.IO relay (same socket.io
// version, same transport), no authentication, no database. It keeps only what any chat relay
// must: which user is in which channel, a room per channel, an ack per send, and a discovery
// endpoint (a plain JSON reply) so that the connect-rate figure has the same two steps.
// Run by bench/suite/targets.ts as its own process: `node --import tsx bench/relay.ts <port>`.
import http from "node:http";
import { Server } from "socket.io";

const port = Number(process.argv[2] ?? 0);
const channelsOf = new Map<string, string[]>();
let seq = 0;

const server = http.createServer((req, res) => {
  if (req.method === "GET" && req.url?.startsWith("/discovery")) {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ url: `http://127.0.0.1:${port}` }));
    return;
  }
  if (req.method === "POST" && req.url === "/channels") {
    let raw = "";
    req.on("data", (d) => (raw += d));
    req.on("end", () => {
      // [{id, members}]: membership as the product would hold it.
      for (const c of JSON.parse(raw) as { id: string; members: string[] }[]) {
        for (const u of c.members) channelsOf.set(u, [...(channelsOf.get(u) ?? []), c.id]);
      }
      res.writeHead(204).end();
    });
    return;
  }
  if (!req.url?.startsWith("/socket.io")) res.writeHead(404).end();
});

const io = new Server(server, { transports: ["websocket"], serveClient: false });
io.on("connection", (socket) => {
  const userId = String((socket.handshake.auth as { userId?: string }).userId ?? "");
  void socket.join([`u:${userId}`, ...(channelsOf.get(userId) ?? [])]);
  socket.on("message:send", (p: { channelId: string; clientMsgId: string; body: string }, ack?: (r: unknown) => void) => {
    const message = { channelId: p.channelId, seq: ++seq, senderId: userId, body: p.body, clientMsgId: p.clientMsgId, createdAt: new Date().toISOString() };
    io.to(p.channelId).emit("message", message);
    ack?.({ ok: true, message });
  });
});

server.listen(port, "127.0.0.1", () => console.log(`relay listening on ${port}`));
process.on("SIGTERM", () => process.exit(0));
