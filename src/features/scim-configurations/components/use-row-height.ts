import { useSyncExternalStore } from 'react';

/** Below this width rows reflow into cards (see styles/list.css); keep both values in sync. */
const NARROW_QUERY = '(max-width: 760px)';
export const ROW_HEIGHT = 64;
export const CARD_HEIGHT = 176;

function subscribe(listener: () => void) {
  if (typeof window.matchMedia !== 'function') return () => {};
  const query = window.matchMedia(NARROW_QUERY);
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}

function isNarrow(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(NARROW_QUERY).matches;
}

/** Rows have a fixed height per layout, so the virtualizer never has to measure them. */
export function useRowHeight(): number {
  return useSyncExternalStore(subscribe, isNarrow) ? CARD_HEIGHT : ROW_HEIGHT;
}
