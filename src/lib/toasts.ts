// Short confirmations of finished actions, shown in one polite live region.
import { useSyncExternalStore } from 'react';

export interface Toast {
  id: number;
  message: string;
  tone: 'success' | 'error';
}

const TOAST_LIFETIME_MS = 6000;
let toasts: readonly Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function set(next: readonly Toast[]) {
  toasts = next;
  for (const l of listeners) l();
}

export function dismissToast(id: number): void {
  set(toasts.filter((t) => t.id !== id));
}

export function showToast(message: string, tone: Toast['tone'] = 'success'): void {
  const toast = { id: nextId++, message, tone };
  set([...toasts.slice(-2), toast]);
  setTimeout(() => dismissToast(toast.id), TOAST_LIFETIME_MS);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useToasts(): readonly Toast[] {
  return useSyncExternalStore(subscribe, () => toasts);
}
