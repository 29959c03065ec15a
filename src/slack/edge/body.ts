/**
 * Reads a request body into memory with a hard limit. A declared Content-Length over the limit is
 * refused before reading; a body that grows past it while streaming is refused at the first chunk
 * that crosses it, so at most `limit` + one chunk (64 KiB) is ever held for one request.
 */
import type { IncomingMessage } from "node:http";

export class BodyTooLargeError extends Error {
  readonly code = "body_too_large";
  constructor(readonly limit: number) {
    super(`request body is larger than ${limit} bytes`);
  }
}

/** The declared length, or null when there is none (chunked) or it is not a plain number. */
export function declaredLength(req: IncomingMessage): number | null {
  const v = req.headers["content-length"];
  return typeof v === "string" && /^\d+$/.test(v) ? Number(v) : null;
}

export function readLimitedBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (e: Error | null) => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("close", onClose);
      if (e === null) resolve(Buffer.concat(chunks, size));
      else reject(e);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Drop what was read so far at once; the caller answers 413 and closes the connection.
        chunks.length = 0;
        req.pause();
        done(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => done(null);
    const onError = (e: Error) => done(e);
    // A client that hangs up (or is cut by the server's requestTimeout) before the end.
    const onClose = () => {
      if (!req.complete) done(new Error("request closed before its body was complete"));
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("close", onClose);
  });
}
