import assert from "node:assert/strict";
import { test } from "node:test";
import { identifiers, spellsIdentifier } from "./identifiers.js";

test("identifiers · technical names by form · found whole, lowercased, without call or value", () => {
  assert.deepEqual(identifiers("What is the default value of work_mem?"), ["work_mem"]);
  assert.deepEqual(identifiers("What does os.process_cpu_count() return compared to os.cpu_count()?"), ["os.process_cpu_count", "os.cpu_count"]);
  assert.deepEqual(identifiers("How do I use git commit --no-edit and \\onehalfspacing?"), ["--no-edit", "\\onehalfspacing"]);
  assert.deepEqual(identifiers("Does logging.basicConfig() take force=True, and what is basicConfig?"), ["logging.basicconfig", "force=", "basicconfig"]);
});

test("identifiers · ordinary words, capitalised, hyphenated or at a sentence end · not identifiers", () => {
  assert.deepEqual(identifiers("What did NATO and the Git-specific LPPL-licensed tools say about Ukraine? It ended."), []);
  assert.deepEqual(identifiers("Is a 16:9 screen or version 3.11 supported?"), []);
});

test("spellsIdentifier · the whole name, or a dotted name's last part written as a name · not a longer word", () => {
  const text = "set allow_nan to false; call asyncio.run() or use timeout() with loop.run_in_executor".toLowerCase();
  assert.equal(spellsIdentifier(text, "allow_nan"), true);
  assert.equal(spellsIdentifier(text, "allow_comments"), false);
  assert.equal(spellsIdentifier(text, "asyncio.timeout"), true);
  assert.equal(spellsIdentifier(text, "typing.override"), false);
  assert.equal(spellsIdentifier(text, "run_in"), false);
});
