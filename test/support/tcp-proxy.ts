/**
 * An honest loopback TCP proxy, for "PostgreSQL restarts" without touching the machine's server
 * (other tests use it): processes connect to the proxy's port, and each connection is piped to the
 * real server. `cut()` destroys every open connection at once and refuses new ones (accepted and
 * closed at once, as a server that is starting refuses) until `restore()`; the server itself never
 * notices more than clients going away.
 */
import { createConnection, createServer, type Server, type Socket } from "node:net";

export interface TcpProxy {
  readonly port: number;
  /** Connections opened through the proxy since it started. */
  connections(): number;
  /** Connections open right now. */
  open(): number;
  /** Drops every open connection and refuses new ones until restore(). */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const live = new Set<Socket>();
  let refusing = false;
  let opened = 0;
  const server: Server = createServer((client) => {
    if (refusing) {
      client.destroy();
      return;
    }
    opened++;
    const upstream = createConnection(target);
    live.add(client);
    live.add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      live.delete(client);
      live.delete(upstream);
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("proxy has no port");
  return {
    port: address.port,
    connections: () => opened,
    open: () => [...live].filter((s) => !s.destroyed).length / 2,
    cut: () => {
      refusing = true;
      for (const s of live) s.destroy();
      live.clear();
    },
    restore: () => {
      refusing = false;
    },
    close: async () => {
      for (const s of live) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** The same URL with its host and port replaced by the proxy's. */
export function throughProxy(url: string, port: number): string {
  const u = new URL(url);
  u.hostname = "127.0.0.1";
  u.port = String(port);
  return u.toString();
}
