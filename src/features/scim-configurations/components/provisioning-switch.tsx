import type { ScimConfiguration } from '#contracts/scim-configurations.ts';
import { Switch } from '../../../components/ui/switch.tsx';
import { useConnectivity } from '../../../lib/connectivity.ts';
import { describeError } from '../../../lib/error-messages.ts';
import { prefetchDialog, useConfigurationDialogs } from './configuration-dialogs.tsx';
import { displayName } from './configuration-status.ts';
import { useSetProvisioning } from './use-set-provisioning.ts';

export const DISABLE_CONSEQUENCE = 'When off, identity provider requests will be refused.';
export const OFFLINE_REASON = "Can't change provisioning while the API can't be reached.";

/**
 * Enable/disable with an optimistic switch. Enabling is immediate; disabling asks first (the
 * identity provider's requests are refused). A refusal rolls back and says why in full, right here.
 */
export function ProvisioningSwitch({
  configuration,
  variant,
}: {
  configuration: ScimConfiguration;
  variant: 'row' | 'detail';
}) {
  const { toggle, setEnabled } = useSetProvisioning(configuration);
  const dialogs = useConfigurationDialogs();
  const connectivity = useConnectivity();
  const offline = connectivity !== 'online';
  const name = displayName(configuration);
  const consequenceId = `consequence-${variant}-${configuration.id}`;
  const error = toggle.isError
    ? `Couldn't ${toggle.variables ? 'enable' : 'disable'} provisioning. ${describeError(toggle.error)}`
    : undefined;

  return (
    <div className={`provisioning-switch provisioning-switch-${variant}`}>
      <div
        className="provisioning-switch-control"
        onPointerEnter={configuration.enabled ? () => prefetchDialog('disable') : undefined}
      >
        <Switch
          checked={configuration.enabled}
          disabled={offline}
          onCheckedChange={(enabled) => {
            if (enabled) {
              setEnabled(true);
              return;
            }
            dialogs.open(
              { kind: 'disable', configuration, onConfirm: () => setEnabled(false) },
              document.activeElement instanceof HTMLElement ? document.activeElement : null,
            );
          }}
          label={`Provisioning enabled for ${name}`}
          describedBy={consequenceId}
        />
        {variant === 'detail' ? (
          <span className="provisioning-state" aria-hidden="true">
            {configuration.enabled ? 'On' : 'Off'}
          </span>
        ) : null}
      </div>
      <span id={consequenceId} className={variant === 'detail' ? 'field-description' : 'sr-only'}>
        {offline ? OFFLINE_REASON : DISABLE_CONSEQUENCE}
      </span>
      {error ? (
        // The whole reason, wrapped: in a list row it opens as a callout over the rows below (rows
        // have a fixed height) and stays until dismissed or the next toggle.
        <div className="switch-error-callout">
          <p className="switch-error" role="alert">
            {error}
          </p>
          {variant === 'row' ? (
            <button
              type="button"
              className="switch-error-dismiss"
              aria-label={`Dismiss the error for ${name}`}
              onClick={() => toggle.reset()}
            >
              ×
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
