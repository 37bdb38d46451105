/**
 * The one HTTP exchange the scoring client needs, a JSON POST and its whole answer as text, over
 * Node's own `node:http`/`node:https` with keep-alive connections, or over a `fetch` given by the
 * caller.
 * @module
 */
import { Buffer } from "node:buffer";
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";

/** An answer: status, the `Retry-After` header, the body as text. @internal */
export interface HttpAnswer {
  readonly status: number;
  readonly retryAfter: string | null;
  readonly text: string;
}

/** POSTs a JSON body; rejects on a network error or when `signal` aborts. @internal */
export interface Transport {
  post(url: string, body: string, headers: Readonly<Record<string, string>>, signal: AbortSignal): Promise<HttpAnswer>;
  /** Closes idle keep-alive connections. */
  close(): void;
}

function decode(res: IncomingMessage, raw: Buffer): string {
  // Nothing asks for compression, but a proxy may still send it.
  const encoding = String(res.headers["content-encoding"] ?? "identity").toLowerCase();
  if (encoding === "gzip" || encoding === "x-gzip") return gunzipSync(raw).toString("utf8");
  if (encoding === "deflate") return inflateSync(raw).toString("utf8");
  if (encoding === "br") return brotliDecompressSync(raw).toString("utf8");
  return raw.toString("utf8");
}

/**
 * A transport over `node:http`/`node:https` with keep-alive agents. Measured on the development
 * machine against a loopback server, Node 20's `fetch` (undici) spent 2 to 4 times the CPU per
 * request that `node:http` does, most of the client's cost per record; the scorer sends one
 * request per record, so this is the default. @internal
 */
export function nodeHttpTransport(): Transport {
  const http = new HttpAgent({ keepAlive: true });
  const https = new HttpsAgent({ keepAlive: true });
  return {
    post(url, body, headers, signal) {
      return new Promise<HttpAnswer>((resolve, reject) => {
        const secure = url.startsWith("https:");
        const send = secure ? httpsRequest : httpRequest;
        const req = send(
          url,
          {
            method: "POST",
            agent: secure ? https : http,
            signal,
            headers: { "content-type": "application/json", accept: "application/json", "accept-encoding": "identity", ...headers, "content-length": Buffer.byteLength(body) },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("error", reject);
            res.on("aborted", () => reject(new Error("the connection closed before the whole answer arrived")));
            res.on("end", () => {
              if (!res.complete) {
                reject(new Error("the connection closed before the whole answer arrived"));
                return;
              }
              try {
                const retryAfter = res.headers["retry-after"];
                resolve({ status: res.statusCode ?? 0, retryAfter: typeof retryAfter === "string" ? retryAfter : null, text: decode(res, Buffer.concat(chunks)) });
              } catch (e) {
                reject(e);
              }
            });
          },
        );
        req.on("error", reject);
        req.end(body);
      });
    },
    close() {
      http.destroy();
      https.destroy();
    },
  };
}

/** A transport over a `fetch` implementation (the caller's). @internal */
export function fetchTransport(doFetch: typeof fetch): Transport {
  return {
    async post(url, body, headers, signal) {
      const res = await doFetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json", ...headers },
        body,
        signal,
      });
      const text = await res.text();
      return { status: res.status, retryAfter: res.headers.get("retry-after"), text };
    },
    close() {},
  };
}
