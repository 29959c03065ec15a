/**
 * A raw TCP client for what fetch cannot do: send headers and only part of a body, trickle bytes,
 * and see exactly when the server answers and when it closes the connection.
 */
import { connect, type Socket } from "node:net";

export interface RawClient {
  readonly socket: Socket;
  /** Resolves with the status line and headers once a full response head has arrived. */
  readonly head: Promise<{ status: number; text: string; atMs: number }>;
  /** Resolves when the server has closed the connection, with the ms since connecting. */
  readonly closed: Promise<number>;
  /** Writes, ignoring errors from a server that has already hung up. */
  write(data: string | Buffer): void;
  received(): string;
}

export function rawConnect(port: number): Promise<RawClient> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(port, "127.0.0.1");
    let data = "";
    let gotHead: (h: { status: number; text: string; atMs: number }) => void = () => {};
    const head = new Promise<{ status: number; text: string; atMs: number }>((r) => {
      gotHead = r;
    });
    const closed = new Promise<number>((r) => socket.once("close", () => r(performance.now() - started)));
    socket.on("data", (c: Buffer) => {
      const had = data.includes("\r\n\r\n");
      data += c.toString("latin1");
      if (!had && data.includes("\r\n\r\n")) {
        const status = Number(data.slice(9, 12));
        gotHead({ status, text: data, atMs: performance.now() - started });
      }
    });
    // A reset after the server's answer is how an early refusal can end; the answer is what counts.
    socket.on("error", () => {});
    socket.once("connect", () =>
      resolve({
        socket,
        head,
        closed,
        write: (d) => {
          if (!socket.destroyed && socket.writable) socket.write(d);
        },
        received: () => data,
      }),
    );
    socket.once("error", reject);
  });
}

export function requestHead(path: string, headers: Record<string, string | number>): string {
  const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}`);
  return `POST ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\n${lines.join("\r\n")}\r\n\r\n`;
}
