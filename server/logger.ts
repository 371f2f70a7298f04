import { pino, type Logger } from "pino";
import type { Config } from "../core/config.js";

/**
 * The process logger: JSON lines (for log collectors) unless stdout is a terminal, where pino-pretty (run on
 * pino's transport thread) prints one readable, coloured line per record.
 */
export function createLogger(level: Config["log"]["level"], terminal: boolean): Logger {
  if (!terminal) return pino({ level });
  return pino({ level, transport: { target: "pino-pretty", options: { translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" } } });
}
