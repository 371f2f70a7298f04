import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { createInterface } from "node:readline";
import { CORPUS_DIR, offlineEnv } from "./offline-env.js";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

export interface MainProcess {
  child: ChildProcess;
  /** Where it listens, read from its log. */
  url: string;
  /** The `msg` of every log line so far (JSON lines on stdout). */
  messages: string[];
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** SIGKILLs it if it still runs. */
  kill(): void;
}

/**
 * Runs `npm start`'s entry (server/main.ts) as a child process with an explicit environment (offline over the
 * sample corpus, a free port on 127.0.0.1, whatever the developer's shell or .env says, plus `env`).
 */
export function startMain(indexDir: string, env: Record<string, string> = {}): Omit<MainProcess, "url"> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "server", "main.ts")], {
    cwd: ROOT,
    env: { ...offlineEnv(CORPUS_DIR, indexDir), FEEDBACK_DB: path.join(indexDir, "feedback.sqlite"), HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = once(child, "exit").then(([code]) => code as number | null);
  const messages: string[] = [];
  createInterface({ input: child.stdout! }).on("line", (line) => messages.push(String((JSON.parse(line) as { msg?: unknown }).msg)));
  return {
    child,
    messages,
    exited,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}

/** startMain, resolved once the server logs `ready:`. */
export async function spawnMain(indexDir: string, env: Record<string, string> = {}): Promise<MainProcess> {
  const main = startMain(indexDir, env);
  let url = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      for (const msg of main.messages) url ||= /listening on (http:\S+)/.exec(msg)?.[1] ?? "";
      if (main.messages.some((m) => m.startsWith("ready:"))) {
        clearInterval(timer);
        resolve();
      }
    }, 10);
    void main.exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`server exited with ${code} before it was ready:\n${main.messages.join("\n")}`));
    });
  });
  return { ...main, url };
}
