import pino from "pino";

export type Logger = pino.Logger;

/**
 * JSON lines for machines (log shippers, `journalctl -o cat | jq`); readable, coloured lines when
 * a person watches a terminal. pino-pretty runs as a transport (a worker thread): formatting stays
 * off the event loop.
 */
export function createLogger(level: string, pretty = process.stdout.isTTY === true): Logger {
  const options: pino.LoggerOptions = { level, base: { pid: process.pid } };
  if (!pretty) return pino(options);
  return pino({
    ...options,
    transport: { target: "pino-pretty", options: { translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname", singleLine: true } },
  });
}
