/** Widget options, read from the script tag's data attributes. */
export interface WidgetOptions {
  apiBase: string;
  title: string;
  greeting: string;
  placeholder: string;
  position: "left" | "right";
  accent: string;
  openOnLoad: boolean;
}

const DEFAULT_ACCENT = "#2f5bea";

/** The tag's own origin is the default API base, so `<script src=".../widget.js">` alone works. */
export function readOptions(script: HTMLScriptElement | null): WidgetOptions {
  const data = script?.dataset ?? {};
  const src = script?.src ? new URL(script.src, location.href) : new URL(location.href);
  const accent = data.accent?.trim();
  return {
    apiBase: (data.apiBase?.trim() || src.origin).replace(/\/+$/, ""),
    title: data.title?.trim() || "Ask the documents",
    greeting: data.greeting?.trim() || "Hi! Ask me a question about the documents. Every answer cites its sources.",
    placeholder: data.placeholder?.trim() || "Ask a question…",
    position: data.position === "left" ? "left" : "right",
    accent: accent && CSS.supports("color", accent) ? accent : DEFAULT_ACCENT,
    openOnLoad: data.open === "true" || data.open === "",
  };
}
