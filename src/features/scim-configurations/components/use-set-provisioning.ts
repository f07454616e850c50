import type { ScimConfiguration } from '#contracts/scim-configurations.ts';
import { describeError } from '../../../lib/error-messages.ts';
import { showToast } from '../../../lib/toasts.ts';
import { useToggleScimConfiguration } from '../api/use-toggle-scim-configuration.ts';
import { displayName } from './configuration-status.ts';

/** Enable or disable now (optimistic, rolled back on refusal), ending with a toast naming it. */
export function useSetProvisioning(configuration: ScimConfiguration) {
  const toggle = useToggleScimConfiguration(configuration.id);
  const name = displayName(configuration);
  // The promise, not mutate's callbacks: those are dropped when the caller (a dialog) unmounts.
  // `toastErrors` for callers that close before the answer (no switch is there to show it).
  const setEnabled = (enabled: boolean, { toastErrors = false } = {}) => {
    toggle.mutateAsync(enabled).then(
      () => showToast(`${enabled ? 'Enabled' : 'Disabled'} provisioning for ${name}`),
      (error: unknown) => {
        if (toastErrors) {
          showToast(
            `Couldn't ${enabled ? 'enable' : 'disable'} provisioning for ${name}. ${describeError(error)}`,
            'error',
          );
        }
      },
    );
  };
  return { toggle, setEnabled };
}
