/**
 * Scrolls `log` to where `el` starts (with the end of the message above it in view), not to its end: the first
 * lines of an answer are the answer. A message shorter than the log ends up fully in view.
 */
export function revealStart(log: HTMLElement, el: Element): void {
  const above = el.previousElementSibling?.getBoundingClientRect().height ?? 0;
  const lead = Math.min(above + 12, log.clientHeight / 3);
  log.scrollTop += el.getBoundingClientRect().top - log.getBoundingClientRect().top - lead;
}
