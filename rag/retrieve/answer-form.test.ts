import assert from "node:assert/strict";
import { test } from "node:test";
import { definitionPattern, expectedForm, hasForm } from "./answer-form.js";

test("expectedForm · questions asking for a share, a duration or a sum · that form; others · none", () => {
  const cases: [string, ReturnType<typeof expectedForm>][] = [
    ["What proportion of Ukrainians would accept trade-offs?", "share"],
    ["To what share of GDP has Putin pushed defence spending?", "share"],
    ["How long has the war in Ukraine been going on?", "duration"],
    ["How many minutes did the phone call last?", "duration"],
    ["How much aid has Ukraine received?", "money"],
    ["How much did the US pay for the intelligence?", "money"],
    ["How many troops would be needed?", undefined],
    ["When was the article published?", undefined],
    ["How long is the Aletsch glacier?", undefined],
    ["Who shares the burden?", undefined],
  ];
  for (const [question, form] of cases) assert.equal(expectedForm(question), form, question);
});

test("hasForm · passages stating a share, a duration or a sum · recognised; other figures · not", () => {
  assert.ok(hasForm("with 77% supporting the idea", "share"));
  assert.ok(hasForm("two per cent of GDP", "share"));
  assert.ok(hasForm("the war's outbreak three years ago", "duration"));
  assert.ok(hasForm("Almost four years after the war began", "duration"));
  assert.ok(hasForm("aid exceeding €200 billion", "money"));
  assert.ok(!hasForm("In 2024, 30,000 men were recruited.", "share"));
  assert.ok(!hasForm("In 2024, 30,000 men were recruited.", "duration"));
  assert.ok(!hasForm("the 28-point plan of 2025", "money"));
});

test("definitionPattern · what is X? · a sentence saying what X is, or X in apposition; other questions · none", () => {
  const venv = definitionPattern("What is a virtual environment in Python?")!;
  assert.ok(hasForm("Intro. A virtual environment is a self-contained directory tree.", { defines: venv }));
  assert.ok(hasForm("The solution is to create a virtual environment, a self-contained directory tree.", { defines: venv }));
  assert.ok(hasForm("Virtual environments are isolated.", { defines: venv }));
  assert.ok(!hasForm("When a virtual environment is active, pip installs into it.", { defines: venv }), "not opening a sentence");
  assert.ok(definitionPattern("What is asyncio.TaskGroup?")!.test("asyncio.TaskGroup is an asynchronous context manager"));
  assert.ok(!definitionPattern("What is asyncio.TaskGroup?")!.test("asyncioXTaskGroup is"), "the dot is literal");
  for (const q of ["What is the default value of work_mem?", "What is DIF, and how can R read it?", "How do I create one?"]) {
    assert.equal(definitionPattern(q), undefined, q);
  }
  assert.deepEqual(expectedForm("What is greylisting?"), { defines: definitionPattern("What is greylisting?") });
});
