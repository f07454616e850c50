// Whether the browser is online and whether the API answered the last call: drives the offline banner.
import { useSyncExternalStore } from 'react';

let apiUnreachable = false;
const listeners = new Set<() => void>();

function notify() {
  for (const listener of listeners) listener();
}

export function reportApiReachable(): void {
  if (!apiUnreachable) return;
  apiUnreachable = false;
  notify();
}

export function reportApiUnreachable(): void {
  if (apiUnreachable) return;
  apiUnreachable = true;
  notify();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

export type Connectivity = 'online' | 'offline' | 'api-unreachable';

function snapshot(): Connectivity {
  if (!navigator.onLine) return 'offline';
  return apiUnreachable ? 'api-unreachable' : 'online';
}

export function useConnectivity(): Connectivity {
  return useSyncExternalStore(subscribe, snapshot);
}
