import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import type { AppError } from "../core/errors.js";
import { parseEvalArgs, USAGE } from "./args.js";

test("parseEvalArgs · no arguments · defaults (news corpus, k 5, all splits, no gate, no baseline, no save)", () => {
  const a = parseEvalArgs([]);
  assert.deepEqual([a.corpus, a.gold, a.check, a.save], ["news", undefined, false, false]);
  assert.deepEqual([a.k, a.split, a.gate, a.baseline, a.baseUrl, a.out], [5, "all", false, false, undefined, undefined]);
});

test("parseEvalArgs · every option · parsed", () => {
  const a = parseEvalArgs([
    "--gold",
    "g.jsonl",
    "--base-url",
    "http://127.0.0.1:3000",
    "--out",
    "o",
    "--k",
    "8",
    "--split",
    "heldout",
    "--gate",
    "--baseline",
    "--corpus",
    "all",
    "--check",
    "--save",
  ]);
  assert.equal(a.gold, path.resolve("g.jsonl"));
  assert.deepEqual([a.corpus, a.check, a.save], ["all", true, true]);
  assert.equal(a.out, path.resolve("o"));
  assert.deepEqual([a.baseUrl, a.k, a.split, a.gate, a.baseline], ["http://127.0.0.1:3000", 8, "heldout", true, true]);
});

test("parseEvalArgs · bad k, split and URL · one error naming all three", () => {
  assert.throws(
    () => parseEvalArgs(["--k", "0", "--split", "dev", "--base-url", "nope"]),
    (err: Error) => /--k/.test(err.message) && /--split/.test(err.message) && /--base-url/.test(err.message),
  );
});

test("parseEvalArgs · unknown option · BAD_REQUEST naming it, with the usage", () => {
  assert.throws(
    () => parseEvalArgs(["--bogus"]),
    (err: AppError) => err.code === "BAD_REQUEST" && /bogus/.test(err.message) && err.message.includes(USAGE),
  );
});
