import { useQuery } from '@tanstack/react-query';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { type SsoConfiguration, ssoConfigurationLabel } from '#contracts/sso-configurations.ts';
import { Button } from '../../../components/ui/button.tsx';
import { describedBy, Field } from '../../../components/ui/field.tsx';
import { describeError } from '../../../lib/error-messages.ts';
import { isSsoActive, ssoConfigurationQueries } from '../api/sso-configuration-queries.ts';

export function useSsoConfigurations(organizationId: string) {
  return useQuery(ssoConfigurationQueries.list(organizationId));
}

/** Why there is nothing to pick, or undefined when at least one SSO configuration is active. */
export function noActiveSsoMessage(
  ssoConfigurations: readonly SsoConfiguration[],
): string | undefined {
  if (ssoConfigurations.length === 0) {
    return 'Your organization has no SSO configuration yet. Set up an SSO login provider first (organization settings, Login and security): provisioned users sign in through it.';
  }
  if (!ssoConfigurations.some(isSsoActive)) {
    return 'None of your SSO configurations is active. Activate one in the organization settings (Login and security) first: provisioned users sign in through it.';
  }
  return undefined;
}

export interface SsoConfigurationFieldProps {
  id: string;
  organizationId: string;
  registration: UseFormRegisterReturn;
  error?: string | undefined;
  /** Keep the current value selectable even when it is no longer active (edit form). */
  currentId?: string | undefined;
}

export function SsoConfigurationField({
  id,
  organizationId,
  registration,
  error,
  currentId,
}: SsoConfigurationFieldProps) {
  const sso = useSsoConfigurations(organizationId);
  const unavailable = sso.data ? noActiveSsoMessage(sso.data) : undefined;
  const status = sso.isPending
    ? 'Loading SSO configurations…'
    : sso.isError
      ? `Couldn't load SSO configurations. ${describeError(sso.error)}`
      : undefined;
  const description =
    unavailable ?? status ?? 'Provisioned users sign in through this SSO login provider.';

  return (
    <Field id={id} label="SSO configuration" description={description} error={error}>
      <select
        id={id}
        className="input"
        disabled={!sso.data}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, { description: true, error })}
        {...registration}
      >
        <option value="">Select an SSO configuration</option>
        {sso.data?.map((config) => {
          const active = isSsoActive(config);
          return (
            <option key={config.id} value={config.id} disabled={!active && config.id !== currentId}>
              {ssoConfigurationLabel(config)}
              {active ? '' : ' (inactive: activate it in SSO settings first)'}
            </option>
          );
        })}
      </select>
      {sso.isError ? (
        <Button size="sm" onClick={() => void sso.refetch()}>
          Retry loading SSO configurations
        </Button>
      ) : null}
    </Field>
  );
}
