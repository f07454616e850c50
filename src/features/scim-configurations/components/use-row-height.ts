import { useSyncExternalStore } from 'react';

/** The three layouts of styles/list.css; keep the widths and heights in sync with it. */
const NARROW_QUERY = '(max-width: 760px)';
const MEDIUM_QUERY = '(min-width: 761px) and (max-width: 1099px)';
const ROW_HEIGHT = 64;
const MEDIUM_ROW_HEIGHT = 80;
const CARD_HEIGHT = 176;

function subscribe(listener: () => void) {
  if (typeof window.matchMedia !== 'function') return () => {};
  const queries = [window.matchMedia(NARROW_QUERY), window.matchMedia(MEDIUM_QUERY)];
  for (const query of queries) query.addEventListener('change', listener);
  return () => {
    for (const query of queries) query.removeEventListener('change', listener);
  };
}

function currentHeight(): number {
  if (typeof window.matchMedia !== 'function') return ROW_HEIGHT;
  if (window.matchMedia(NARROW_QUERY).matches) return CARD_HEIGHT;
  if (window.matchMedia(MEDIUM_QUERY).matches) return MEDIUM_ROW_HEIGHT;
  return ROW_HEIGHT;
}

/** Rows have a fixed height per layout, so the virtualizer never has to measure them. */
export function useRowHeight(): number {
  return useSyncExternalStore(subscribe, currentHeight);
}
