import assert from "node:assert/strict";
import { it } from "node:test";
import { dropBoilerplate, isBoilerplate } from "./boilerplate.js";

it("isBoilerplate · site chrome lines · recognised", () => {
  const chrome = [
    "skip to main content",
    "Skip to content",
    "Share this article",
    "ADVERTISEMENT",
    "Read more: Europe scrambles after the call",
    "We use cookies to improve your experience. Accept all",
    "© 2025 Example News Ltd",
    "5 min read",
  ];
  for (const line of chrome) assert.equal(isBoilerplate(line), true, line);
});

it("isBoilerplate · article prose that mentions the same words · kept", () => {
  const prose = [
    "Readers share this view across Europe.",
    "The advertisement campaign ran for a week and cost €2 million, officials said.",
    "He said he would read more about the proposal before deciding.",
    "Share prices fell sharply on Wednesday.",
  ];
  for (const line of prose) assert.equal(isBoilerplate(line), false, line);
});

it("dropBoilerplate · caption repeated on the next line · kept once", () => {
  const lines = ["skip to main content", "", "Title", "", "A caption", "A caption", "Body text.", "", "A caption"];
  assert.deepEqual(dropBoilerplate(lines), ["", "Title", "", "A caption", "Body text.", "", "A caption"]);
});
