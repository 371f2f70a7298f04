import assert from "node:assert/strict";
import { test } from "node:test";
import { layoutMarkdown, layoutQuotes, plainAnswer, type Block } from "./answer-layout.js";

const KNOWN = new Set([1, 2, 3]);
/** A block as a short string: text as is, cites as {1,2}, strong as **x**, em as _x_, code as `x`. */
function show(blocks: Block[]): string[] {
  const line = (pieces: Extract<Block, { kind: "p" }>["inlines"]) =>
    pieces
      .map((p) =>
        p.kind === "cite"
          ? `{${p.ids.join(",")}}`
          : p.kind === "strong"
            ? `**${p.text}**`
            : p.kind === "em"
              ? `_${p.text}_`
              : p.kind === "code"
                ? `\`${p.text}\``
                : p.text,
      )
      .join("");
  return blocks.map((b) => (b.kind === "p" ? line(b.inlines) : b.kind === "pre" ? `pre: ${b.text}` : `${b.kind}: ${b.items.map(line).join(" | ")}`));
}

test("layoutQuotes · sentences citing the same passage in a row · one paragraph, its chip once at the end", () => {
  const answer = "First claim. [1] Second claim. [2] Third, same source. [2] Fourth. [2] Last one. [3]";
  assert.deepEqual(show(layoutQuotes(answer, KNOWN)), ["First claim.{1}", "Second claim. Third, same source. Fourth.{2}", "Last one.{3}"]);
});

test("layoutQuotes · markdown signs and unknown markers · kept as text", () => {
  assert.deepEqual(show(layoutQuotes("Rates *rose* to 5 [9] percent [1] [2].", KNOWN)), ["Rates *rose* to 5 [9] percent{1,2}."]);
  assert.deepEqual(show(layoutQuotes("The documents don't say.", KNOWN)), ["The documents don't say."]);
});

test("layoutMarkdown · a fenced code block · kept as written, markers and markdown signs inside it untouched", () => {
  const answer = "Use a list comprehension [1]:\n\n```python\nsquares = [x**2 for x in xs]  # [2]\n\n  print(squares)\n```\nThat is all [2].\n```\nunclosed";
  assert.deepEqual(show(layoutMarkdown(answer, KNOWN)), [
    "Use a list comprehension{1}:",
    "pre: squares = [x**2 for x in xs]  # [2]\n\n  print(squares)",
    "That is all{2}.",
    "pre: unclosed",
  ]);
});

test("layoutQuotes · a sentence introducing a fenced code block · its paragraph, then the code as written, then the next sentence", () => {
  const answer = "Pass the option: [2] It is shown here:\n```\n$ apt --reinstall install postfix\n  # *as root*\n```\n[1] It also works for apt-get. [1]";
  assert.deepEqual(show(layoutQuotes(answer, KNOWN)), [
    "Pass the option:{2}",
    "It is shown here:{1}",
    "pre: $ apt --reinstall install postfix\n  # *as root*",
    "It also works for apt-get.{1}",
  ]);
});

test("layoutMarkdown · lists, emphasis, headings and paragraphs · blocks, markers as cites", () => {
  const answer = "## Summary\nThe **key** point is *this* [1].\nIt goes on [1].\n\n- first `item` [2]\n- second\n  continued [3]\n\n1. one\n2) two";
  assert.deepEqual(show(layoutMarkdown(answer, KNOWN)), [
    "**Summary**",
    "The **key** point is _this_. It goes on{1}.",
    "ul: first `item`{2} | second continued{3}",
    "ol: one | two",
  ]);
});

test("layoutMarkdown · HTML and snake_case · text, not markup", () => {
  assert.deepEqual(show(layoutMarkdown("<b>x</b> my_var_name [1]", KNOWN)), ["<b>x</b> my_var_name{1}"]);
});

test("plainAnswer · markers and markdown signs removed", () => {
  assert.equal(plainAnswer("It is **big** [1]. And `x` [2] [3]."), "It is big. And x.");
});
