/** Widget options, read from the script tag's data attributes. */
export interface WidgetOptions {
  apiBase: string;
  title: string;
  /** Who answers, as screen readers announce it before each answer. */
  name: string;
  greeting: string;
  placeholder: string;
  position: "left" | "right";
  accent: string;
  theme: "auto" | "light" | "dark";
  /** Starter questions shown as buttons while the conversation is empty. */
  suggestions: string[];
  openOnLoad: boolean;
}

const DEFAULT_ACCENT = "#2f5bea";
const MAX_SUGGESTIONS = 6;

/** The tag's own origin is the default API base, so `<script src=".../widget.js">` alone works. */
export function readOptions(script: HTMLScriptElement | null): WidgetOptions {
  const data = script?.dataset ?? {};
  const src = script?.src ? new URL(script.src, location.href) : new URL(location.href);
  const accent = data.accent?.trim();
  const theme = data.theme?.trim();
  return {
    apiBase: (data.apiBase?.trim() || src.origin).replace(/\/+$/, ""),
    title: data.title?.trim() || "Ask the documents",
    name: data.name?.trim() || "Assistant",
    greeting: data.greeting?.trim() || "Hi! Ask me a question about the documents. Every answer cites its sources.",
    placeholder: data.placeholder?.trim() || "Ask a question…",
    position: data.position === "left" ? "left" : "right",
    accent: accent && CSS.supports("color", accent) ? accent : DEFAULT_ACCENT,
    theme: theme === "light" || theme === "dark" ? theme : "auto",
    suggestions: (data.suggestions ?? "")
      .split("|")
      .map((s) => s.trim())
      .filter(Boolean)
      .slice(0, MAX_SUGGESTIONS),
    openOnLoad: data.open === "true" || data.open === "",
  };
}
