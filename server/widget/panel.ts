import { h, icon, iconButton } from "./dom.js";
import type { WidgetOptions } from "./options.js";
import { CSS } from "./styles.js";

/** The widget's elements; ChatWidget gives them behaviour. */
export interface PanelParts {
  shell: HTMLDivElement;
  launcher: HTMLButtonElement;
  panel: HTMLElement;
  head: HTMLElement;
  clear: HTMLButtonElement;
  close: HTMLButtonElement;
  log: HTMLDivElement;
  form: HTMLFormElement;
  input: HTMLTextAreaElement;
  send: HTMLButtonElement;
  sheet: HTMLDivElement;
  back: HTMLButtonElement;
  sheetBody: HTMLDivElement;
  /** Polite live region: each finished answer is announced here once (the log itself is not live). */
  announcer: HTMLDivElement;
}

/**
 * Builds the bubble and the chat panel in `root`: a non-modal dialog holding a header, the conversation log,
 * the composer, the passage sheet (a modal dialog inside the panel) and a live region for finished answers.
 */
export function mountPanel(root: ShadowRoot, options: WidgetOptions): PanelParts {
  adoptStyles(root);
  const parts: PanelParts = {
    shell: h("div", { class: `cb ${options.position} theme-${options.theme}` }),
    launcher: h("button", { type: "button", class: "launcher", "aria-controls": "cb-panel" }),
    panel: h("section", { id: "cb-panel", class: "panel", role: "dialog", "aria-labelledby": "cb-title", hidden: true }),
    head: h("header", { class: "head" }),
    clear: iconButton("trash", "Clear conversation"),
    close: iconButton("close", "Close chat"),
    // Streaming changes the log many times an answer: announcing those would read fragments.
    log: h("div", { class: "log", role: "log", "aria-live": "off", "aria-label": "Conversation", tabindex: "0" }),
    form: h("form", { class: "composer" }),
    input: h("textarea", { rows: "1", maxlength: "2000", "aria-label": "Your question", placeholder: options.placeholder }),
    send: h("button", { type: "submit", class: "send" }),
    sheet: h("div", { class: "sheet", role: "dialog", "aria-modal": "true", "aria-labelledby": "cb-passage-title", hidden: true }),
    back: h("button", { type: "button", class: "back", "aria-label": "Back to the conversation" }, icon("back"), "Back"),
    sheetBody: h("div", { class: "sheet-body" }),
    announcer: h("div", { class: "sr-only", role: "status", "aria-live": "polite" }),
  };
  const { shell, launcher, panel, head, clear, close, log, form, input, send, sheet, back, sheetBody, announcer } = parts;
  shell.style.setProperty("--cb-accent", options.accent);
  form.append(input, send);
  sheet.append(h("div", { class: "sheet-bar" }, back), sheetBody);
  head.append(h("h2", { id: "cb-title" }, options.title), clear, close);
  panel.append(head, log, form, sheet, announcer);
  shell.append(launcher, panel);
  root.append(shell);
  return parts;
}

/** Constructable stylesheets are not blocked by a host page's CSP `style-src`; older browsers get a <style>. */
function adoptStyles(root: ShadowRoot): void {
  if ("adoptedStyleSheets" in root && "replaceSync" in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  } else {
    root.append(h("style", {}, CSS));
  }
}
