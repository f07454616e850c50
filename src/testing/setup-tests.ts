import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { reportApiReachable } from '../lib/connectivity.ts';
import { reloadSessionFromStorage } from '../lib/session.ts';
import { startBackend, stopBackend } from './backend.ts';
import { server } from './msw/server.ts';

// findBy*/waitFor wait longer than the 1 s default: the first render of a file loads the real
// backend and the dialogs' code, on cores shared with other work.
configure({ asyncUtilTimeout: 5000 });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(async () => {
  await startBackend();
  window.sessionStorage.clear();
  window.localStorage.clear();
  reloadSessionFromStorage();
  reportApiReachable();
});
afterEach(async () => {
  cleanup();
  server.resetHandlers();
  await stopBackend();
});
afterAll(() => server.close());

// jsdom has no layout engine and no matchMedia: the list uses the wide (row) layout in tests.
if (typeof window.matchMedia !== 'function') {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener: () => {},
      removeEventListener: () => {},
      addListener: () => {},
      removeListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

// jsdom does not scroll; the window virtualizer calls scrollTo when it adjusts.
window.scrollTo = () => {};

/** Scrolls the (layout-less) jsdom window so the virtualizer renders rows further down. */
export function scrollWindowTo(y: number): void {
  Object.defineProperty(window, 'scrollY', { value: y, configurable: true });
  Object.defineProperty(window, 'pageYOffset', { value: y, configurable: true });
  window.dispatchEvent(new Event('scroll'));
}
