import assert from "node:assert/strict";
import { test } from "node:test";
import { profileQuestion } from "./question.js";

test("profileQuestion · a compound the passages spell · counts whole and by its parts", () => {
  const spelled = (t: string) => t === "http.server";
  assert.deepEqual(profileQuestion("Which port does http.server listen on?", undefined, "", spelled).terms, [
    "port",
    "http.server",
    "http",
    "server",
    "listen",
  ]);
});

test("profileQuestion · a compound no passage spells · stays whole", () => {
  assert.deepEqual(profileQuestion("Would Ukrainians accept trade-offs?").terms, ["ukrainians", "accept", "trade-offs"]);
});
