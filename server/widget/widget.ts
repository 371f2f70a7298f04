/** Entry of /widget.js: one <script> tag mounts the chat bubble in a shadow root appended to <body>. */
import { ChatWidget } from "./chat-widget.js";
import { readOptions } from "./options.js";

/** The host page's handle on the widget. */
interface CitebotApi {
  open(): void;
  close(): void;
  ask(question: string): void;
}

declare global {
  interface Window {
    citebot?: CitebotApi;
  }
}

// Captured now: document.currentScript is only set while this script runs.
const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;

function mount(): void {
  if (document.querySelector("citebot-widget")) return; // the tag was included twice
  const host = document.createElement("citebot-widget");
  document.body.append(host);
  const widget = new ChatWidget(host.attachShadow({ mode: "open" }), readOptions(script));
  window.citebot = { open: () => widget.open(), close: () => widget.close(), ask: (question) => widget.ask(question) };
}

if (document.body) mount();
else document.addEventListener("DOMContentLoaded", mount, { once: true });
