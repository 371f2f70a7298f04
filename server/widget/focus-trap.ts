const FOCUSABLE = 'button:not([disabled]), a[href], textarea, input, [tabindex]:not([tabindex="-1"])';

/** Keeps Tab and Shift+Tab cycling inside `container` (a modal dialog) while it is shown. */
export function trapFocus(container: HTMLElement): void {
  container.addEventListener("keydown", (e) => {
    if (e.key !== "Tab" || container.hidden) return;
    const items = [...container.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items.at(-1);
    if (!first || !last) return;
    const active = (container.getRootNode() as ShadowRoot).activeElement;
    if (e.shiftKey && (active === first || !container.contains(active))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (active === last || !container.contains(active))) {
      e.preventDefault();
      first.focus();
    }
  });
}
