/** Entry of /widget.js: one <script> tag mounts the chat bubble in a shadow root appended to <body>. */
import { ChatWidget } from "./chat-widget.js";
import { readOptions } from "./options.js";

// Captured now: document.currentScript is only set while this script runs.
const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;

function mount(): void {
  if (document.querySelector("citebot-widget")) return; // the tag was included twice
  const host = document.createElement("citebot-widget");
  document.body.append(host);
  new ChatWidget(host.attachShadow({ mode: "open" }), readOptions(script));
}

if (document.body) mount();
else document.addEventListener("DOMContentLoaded", mount, { once: true });
