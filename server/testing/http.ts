import assert from "node:assert/strict";
import { get } from "node:http";
import { buffer } from "node:stream/consumers";

const JSON_TYPE = { "Content-Type": "application/json" };

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: "POST", headers: { ...JSON_TYPE, ...headers }, body: JSON.stringify(body) });
}

/** fetch decodes gzip and adds no-cache to conditional requests; this sends and returns exactly what is on the wire. */
export function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) =>
    get(url, { headers }, (res) => buffer(res).then((body) => resolve({ status: res.statusCode ?? 0, body }), reject)).on("error", reject),
  );
}

/** Asserts the JSON error shape `{ error: { code, message } }` and status; returns the message. */
export async function expectError(res: Response, status: number, code: string): Promise<string> {
  assert.equal(res.status, status);
  assert.match(res.headers.get("content-type") ?? "", /application\/json/);
  const body = (await res.json()) as { error: { code: string; message: string } };
  assert.deepEqual(Object.keys(body), ["error"]);
  assert.equal(body.error.code, code);
  assert.equal(typeof body.error.message, "string");
  return body.error.message;
}
