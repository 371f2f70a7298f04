import assert from "node:assert/strict";
import { test } from "node:test";
import { formatSseComment, formatSseEvent } from "./sse.js";

test("formatSseEvent · JSON data · one event line, one data line, blank line", () => {
  assert.equal(formatSseEvent("token", { text: "Hi" }), 'event: token\ndata: {"text":"Hi"}\n\n');
});

test("formatSseEvent · multi-line string · one data line per line, every line ending kind", () => {
  assert.equal(formatSseEvent("note", "a\nb\r\nc\rd"), "event: note\ndata: a\ndata: b\ndata: c\ndata: d\n\n");
});

test("formatSseEvent · JSON with newlines inside strings · stays on one data line (JSON escapes them)", () => {
  assert.equal(formatSseEvent("token", { text: "a\nb" }), 'event: token\ndata: {"text":"a\\nb"}\n\n');
});

test("formatSseEvent · newline in the event name · rejected", () => {
  assert.throws(() => formatSseEvent("done\ndata: forged", {}), TypeError);
  assert.throws(() => formatSseEvent("x\r", {}), TypeError);
});

test("formatSseComment · text · colon-prefixed line parsers ignore", () => {
  assert.equal(formatSseComment("ping"), ": ping\n\n");
  assert.equal(formatSseComment("a\nb"), ": a\n: b\n\n");
});
