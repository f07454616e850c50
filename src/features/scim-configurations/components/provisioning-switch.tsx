import type { ScimConfiguration } from '#contracts/scim-configurations.ts';
import { Switch } from '../../../components/ui/switch.tsx';
import { describeError } from '../../../lib/error-messages.ts';
import { useToggleScimConfiguration } from '../api/use-toggle-scim-configuration.ts';
import { displayName } from './configuration-status.ts';

export const DISABLE_CONSEQUENCE = 'When off, identity provider requests will be refused.';

/** Enable/disable with an optimistic switch; a refusal rolls back and says why in full, right here. */
export function ProvisioningSwitch({
  configuration,
  variant,
}: {
  configuration: ScimConfiguration;
  variant: 'row' | 'detail';
}) {
  const toggle = useToggleScimConfiguration(configuration.id);
  const name = displayName(configuration);
  const consequenceId = `consequence-${variant}-${configuration.id}`;
  const error = toggle.isError
    ? `Couldn't ${toggle.variables ? 'enable' : 'disable'} provisioning. ${describeError(toggle.error)}`
    : undefined;

  return (
    <div className={`provisioning-switch provisioning-switch-${variant}`}>
      <div className="provisioning-switch-control">
        <Switch
          checked={configuration.enabled}
          onCheckedChange={(enabled) => toggle.mutate(enabled)}
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
        {DISABLE_CONSEQUENCE}
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
