import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Express } from "express";
import type { Config } from "../core/config.js";
import { Drain } from "./drain.js";

export interface Listening {
  server: Server;
  /** e.g. http://127.0.0.1:3000 */
  url: string;
  /**
   * Graceful stop: stops accepting at once, lets in-flight requests finish for up to `shutdownGraceMs`
   * (new requests on open connections get 503), tells what is still running to stop, then closes every socket.
   */
  close(): Promise<void>;
}

export type ServerLimits = Pick<Config["server"], "shutdownGraceMs" | "headersTimeoutMs" | "requestTimeoutMs" | "keepAliveTimeoutMs" | "maxConnections">;

export interface ListenOptions {
  /** The drain the app's guard reads (createApp's `drain`); a fresh one when the app was built without. */
  drain?: Drain;
  limits?: Partial<ServerLimits>;
}

const DEFAULT_LIMITS: ServerLimits = {
  shutdownGraceMs: 10_000,
  headersTimeoutMs: 15_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1_000,
};

/** Listens on host:port (port 0 picks a free one) and resolves once bound. */
export async function listen(app: Express, host: string, port: number, options: ListenOptions = {}): Promise<Listening> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const drain = options.drain ?? new Drain();
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // Node checks the two timeouts above only this often (30 s by default, which doubles a 30 s limit).
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs / 2),
    },
    app,
  );
  server.maxConnections = limits.maxConnections;
  // Before the app, so that a response the app ends at once is counted too.
  server.prependListener("request", (_req, res) => drain.track(res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { address, port: bound } = server.address() as AddressInfo;
  const hostPart = address.includes(":") ? `[${address}]` : address;
  return {
    server,
    url: `http://${hostPart}:${bound}`,
    close: async () => {
      const closed = new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
      await drain.drain(limits.shutdownGraceMs);
      server.closeAllConnections();
      await closed;
    },
  };
}
