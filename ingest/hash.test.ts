import assert from "node:assert/strict";
import { test } from "node:test";
import { contentHash } from "./hash.js";

const enc = (s: string) => new TextEncoder().encode(s);

test("contentHash · known input · matches the sha256 test vector", () => {
  assert.equal(contentHash(enc("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
});

test("contentHash · one byte differs · hash differs", () => {
  assert.notEqual(contentHash(enc("peace plan")), contentHash(enc("peace plan.")));
});
