// Configurations created in this tab: the list pins them on top, marked New, until the next
// reload, so a new one is in sight whatever the size of the organization. Only ids are kept here
// (the rows read the configuration from the query cache), never a token.
import { useMemo, useSyncExternalStore } from 'react';
import type { ScimConfiguration } from '#contracts/scim-configurations.ts';

type CreatedRef = Pick<ScimConfiguration, 'id' | 'organizationId'>;

let created: readonly CreatedRef[] = [];
/** The id whose row takes the focus when the token dialog closes. */
let focusPending: string | undefined;
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

export function rememberCreated(configuration: ScimConfiguration): void {
  const { id, organizationId } = configuration;
  created = [{ id, organizationId }, ...created.filter((c) => c.id !== id)];
  focusPending = configuration.id;
  emit();
}

export function forgetCreated(id: string): void {
  if (!created.some((c) => c.id === id)) return;
  created = created.filter((c) => c.id !== id);
  emit();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Ids of the configurations created in this tab in `organizationId`, newest first. */
export function useCreatedConfigurationIds(organizationId: string): readonly string[] {
  const all = useSyncExternalStore(subscribe, () => created);
  return useMemo(
    () => all.filter((c) => c.organizationId === organizationId).map((c) => c.id),
    [all, organizationId],
  );
}

/** The id of a just-created configuration waiting for focus, once. */
export function takePendingFocus(): string | undefined {
  const id = focusPending;
  focusPending = undefined;
  return id;
}
