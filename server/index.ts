// `npm start`: validate configuration, start, and stop gracefully on SIGTERM/SIGINT.
import { ConfigError, loadConfig } from "./config";
import { createLogger } from "./log";
import { startApp } from "./app";

// Exit codes: 78 = bad configuration (EX_CONFIG), 1 = failed to start.
let config;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(78);
}
const log = createLogger(config.LOG_LEVEL);
const dev = process.argv.includes("--dev");

try {
  const app = await startApp(config, log, { dev });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    const force = setTimeout(() => {
      log.error("shutdown took too long; exiting");
      process.exit(1);
    }, config.SHUTDOWN_DELAY_MS + config.SHUTDOWN_GRACE_MS);
    force.unref();
    app.close().then(() => process.exit(0));
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
} catch (err) {
  if ((err as NodeJS.ErrnoException).code === "EADDRINUSE") {
    log.fatal(`port ${config.PORT} is already in use: stop the other process or set PORT`);
  } else {
    log.fatal({ err }, "failed to start");
  }
  process.exit(1);
}
