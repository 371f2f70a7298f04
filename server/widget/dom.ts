/** Tiny DOM builders. Text always goes in as Text nodes (never parsed as HTML). */
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? "" : value);
  }
  el.append(...children.filter((c): c is Node | string => Boolean(c)));
  return el;
}

const SVG = "http://www.w3.org/2000/svg";

/** Icon paths are constants of this bundle (24×24 viewBox, stroked). */
export const ICONS = {
  chat: "M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12Z",
  close: "M6 6l12 12M18 6L6 18",
  trash: "M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13M10 11v6M14 11v6",
  send: "M4 12l16-8-6 16-2.5-6.5L4 12Z",
  stop: "M7 7h10v10H7z",
  back: "M15 5l-7 7 7 7",
  info: "M12 8h.01M11 12h1v5h1M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18Z",
  retry: "M4 4v6h6M20 12a8 8 0 0 1-14.9 4M4 12a8 8 0 0 1 14.9-4L20 10",
  up: "M7 11v9H4v-9h3Zm0 0 4-8c1.5 0 2.5 1 2.2 2.6L12.6 10H19a2 2 0 0 1 2 2.3l-1.2 6A2 2 0 0 1 17.8 20H7",
  down: "M7 13V4H4v9h3Zm0 0 4 8c1.5 0 2.5-1 2.2-2.6l-.6-4.4H19a2 2 0 0 0 2-2.3l-1.2-6A2 2 0 0 0 17.8 4H7",
  copy: "M9 9h11v11H9zM5 15H4V4h11v1",
  check: "M5 12l5 5L20 7",
  external: "M14 4h6v6M20 4l-9 9M18 14v6H4V6h6",
} as const;

export function icon(name: keyof typeof ICONS): SVGSVGElement {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", ICONS[name]);
  svg.append(path);
  return svg;
}

export function iconButton(name: keyof typeof ICONS, label: string, className = "icon-btn"): HTMLButtonElement {
  const button = h("button", { type: "button", class: className, "aria-label": label, title: label }, icon(name));
  return button;
}
