// The personal access token for this tab. It lives in sessionStorage only (never localStorage, never
// the URL) so it disappears with the tab; the in-memory copy lets components subscribe to changes.
import { useSyncExternalStore } from 'react';
import { discardEarlyResponses } from './early-responses.ts';

export const SESSION_STORAGE_KEY = 'scim-admin.session';

export type SessionEndReason = 'signed-out' | 'expired';

export interface SessionState {
  token: string | null;
  /** Why the last session ended; drives the message on the sign-in screen. */
  endedReason: SessionEndReason | null;
  /** The API refused an admin-only call: show the admin-required screen. */
  accessDenied: boolean;
}

function readStoredToken(): string | null {
  try {
    return window.sessionStorage.getItem(SESSION_STORAGE_KEY);
  } catch {
    return null;
  }
}

let state: SessionState = { token: readStoredToken(), endedReason: null, accessDenied: false };
const listeners = new Set<() => void>();

function setState(next: SessionState) {
  // Answers fetched with the previous session's token must not reach the next one.
  if (next.token !== state.token) discardEarlyResponses();
  state = next;
  for (const listener of listeners) listener();
}

export function getSessionToken(): string | null {
  return state.token;
}

export function startSession(token: string): void {
  try {
    window.sessionStorage.setItem(SESSION_STORAGE_KEY, token);
  } catch {
    // Storage can be disabled; the session then lasts until reload.
  }
  setState({ token, endedReason: null, accessDenied: false });
}

export function endSession(reason: SessionEndReason): void {
  try {
    window.sessionStorage.removeItem(SESSION_STORAGE_KEY);
  } catch {
    // Nothing stored, nothing to remove.
  }
  if (state.token === null && state.endedReason === reason) return;
  setState({ token: null, endedReason: reason, accessDenied: false });
}

export function markAccessDenied(): void {
  if (state.token !== null && !state.accessDenied) setState({ ...state, accessDenied: true });
}

/** Re-reads sessionStorage; tests use it after seeding a token. */
export function reloadSessionFromStorage(): void {
  setState({ token: readStoredToken(), endedReason: null, accessDenied: false });
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSessionState(): SessionState {
  return useSyncExternalStore(subscribe, () => state);
}
