import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Express } from "express";

export interface Listening {
  server: Server;
  /** e.g. http://127.0.0.1:3000 */
  url: string;
  /** Stops accepting, ends idle keep-alive sockets and open streams, resolves when closed. */
  close(): Promise<void>;
}

/** Listens on host:port (port 0 picks a free one) and resolves once bound. */
export async function listen(app: Express, host: string, port: number): Promise<Listening> {
  const server = createServer(app);
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
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
