import { startProduct } from "./bench/suite/targets";
const t = await startProduct({}, "/tmp/conn");
console.log("pid", t.pid);
await new Promise((r) => setTimeout(r, 40_000));
await t.stop();
process.exit(0);
