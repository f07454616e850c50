/** Every page's h1 carries this id (and tabIndex -1) so focus has a sensible place to land. */
export const PAGE_HEADING_ID = 'page-heading';

export function focusPageHeading(): void {
  document.getElementById(PAGE_HEADING_ID)?.focus();
}

const HEADING_WAIT_MS = 10_000;

/**
 * Focuses the page heading as soon as the page shows it: a page loaded on demand, or still loading
 * its data, renders its h1 a moment after the navigation. Returns a cancel function.
 */
export function focusPageHeadingWhenShown(): () => void {
  const heading = document.getElementById(PAGE_HEADING_ID);
  if (heading) {
    heading.focus();
    return () => {};
  }
  const observer = new MutationObserver(() => {
    const shown = document.getElementById(PAGE_HEADING_ID);
    if (!shown) return;
    stop();
    shown.focus();
  });
  const timer = window.setTimeout(() => stop(), HEADING_WAIT_MS);
  function stop() {
    observer.disconnect();
    window.clearTimeout(timer);
  }
  observer.observe(document.body, { childList: true, subtree: true });
  return stop;
}
