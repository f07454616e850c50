/** Every page's h1 carries this id (and tabIndex -1) so focus has a sensible place to land. */
export const PAGE_HEADING_ID = 'page-heading';

export function focusPageHeading(): void {
  document.getElementById(PAGE_HEADING_ID)?.focus();
}
