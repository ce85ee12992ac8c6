import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  api,
  call,
  closeAllDevices,
  connectDevice,
  signUp,
  startTestServer,
  type ClientSocket,
  type TestServer,
  type TestUser,
} from "../support/test-server";

let srv: TestServer;
let minji: TestUser, joon: TestUser, outsider: TestUser;
let team: string, secret: string;
let minjiDevice: ClientSocket, outsiderDevice: ClientSocket;

const say = (s: ClientSocket, channelId: string, body: string) =>
  call(s, "message:send", { channelId, clientMsgId: randomUUID(), body });
const search = (u: TestUser, q: string, extra = "") =>
  api(srv, "GET", `/api/search?q=${encodeURIComponent(q)}${extra}`, { token: u.token });
const bodies = (r: { body: { results: { message: { body: string } }[] } }) => r.body.results.map((x) => x.message.body);

beforeAll(async () => {
  srv = await startTestServer();
  [minji, joon, outsider] = (await Promise.all([signUp(srv, "Minji Kim"), signUp(srv, "Joon"), signUp(srv, "Outsider")])) as [TestUser, TestUser, TestUser];
  team = (await api(srv, "POST", "/api/channels", { token: minji.token, body: { kind: "group", name: "팀", memberIds: [joon.id] } })).body.channel.id;
  secret = (await api(srv, "POST", "/api/channels", { token: outsider.token, body: { kind: "group", name: "secret", memberIds: [] } })).body.channel.id;
  minjiDevice = await connectDevice(srv, { token: minji.token });
  outsiderDevice = await connectDevice(srv, { token: outsider.token });
  for (const body of ["내일 회의는 3시입니다", "회의실 예약했어요", "점심 뭐 먹을까", "The meetings are moved to Friday", "budget review"]) {
    expect((await say(minjiDevice, team, body)).ok).toBe(true);
  }
  expect((await say(outsiderDevice, secret, "secret 회의 budget meeting")).ok).toBe(true);
});
afterAll(async () => {
  closeAllDevices();
  await srv?.stop();
});

describe("search", () => {
  it("finds Korean words inside longer words, newest first", async () => {
    expect(bodies(await search(joon, "회의"))).toEqual(["회의실 예약했어요", "내일 회의는 3시입니다"]);
    expect(bodies(await search(joon, "회의실"))).toEqual(["회의실 예약했어요"]);
    expect(bodies(await search(joon, "점심"))).toEqual(["점심 뭐 먹을까"]);
  });

  it("finds English words by their stem", async () => {
    expect(bodies(await search(joon, "meeting"))).toEqual(["The meetings are moved to Friday"]);
    expect(bodies(await search(joon, "Friday meetings"))).toEqual(["The meetings are moved to Friday"]);
  });

  it("never returns messages of channels the user is not in", async () => {
    expect(bodies(await search(joon, "budget"))).toEqual(["budget review"]);
    expect(bodies(await search(outsider, "회의"))).toEqual(["secret 회의 budget meeting"]);
    const forbidden = await search(joon, "budget", `&channelId=${secret}`);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.results).toBeUndefined();
  });

  it("filters by channel and answers bad queries clearly", async () => {
    const r = await search(minji, "회의", `&channelId=${team}&limit=1`);
    expect(bodies(r)).toEqual(["회의실 예약했어요"]);
    expect(r.body.results[0].channel).toMatchObject({ id: team, name: "팀" });
    expect((await search(minji, "")).status).toBe(400);
    expect((await search(minji, "   ")).status).toBe(400);
    expect((await search(minji, "x".repeat(10_000))).status).toBe(400);
    expect((await search(minji, "회의", "&limit=0")).status).toBe(400);
    expect(bodies(await search(minji, "the"))).toEqual([]); // only a stop word
    expect(bodies(await search(minji, "'&|!():*"))).toEqual([]);
  });
});

describe("mentions", () => {
  it("stores @mentions of members and lists them for the mentioned user only", async () => {
    const joonDevice = await connectDevice(srv, { token: joon.token });
    expect((await say(joonDevice, team, "@Minji Kim 회의 자료 부탁해요")).ok).toBe(true);
    expect((await say(joonDevice, team, "@outsider is not here")).ok).toBe(true);
    const mine = await api(srv, "GET", "/api/mentions", { token: minji.token });
    expect(bodies(mine)).toEqual(["@Minji Kim 회의 자료 부탁해요"]);
    expect(mine.body.results[0].channel.id).toBe(team);
    expect(bodies(await api(srv, "GET", "/api/mentions", { token: outsider.token }))).toEqual([]);
    expect(bodies(await api(srv, "GET", "/api/mentions", { token: joon.token }))).toEqual([]);
  });
});
