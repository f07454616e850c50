import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { type SsoConfiguration, ssoConfigurationLabel } from '#contracts/sso-configurations.ts';
import { Button } from '../../../components/ui/button.tsx';
import { describedBy, Field } from '../../../components/ui/field.tsx';
import { describeError } from '../../../lib/error-messages.ts';
import { isSsoActive, ssoConfigurationQueries } from '../api/sso-configuration-queries.ts';

export function useSsoConfigurations(organizationId: string) {
  return useQuery(ssoConfigurationQueries.list(organizationId));
}

/**
 * Reloads the picker's list, e.g. after a refusal that may be about the chosen one; resolves with
 * the fresh list (undefined when it could not be loaded).
 */
export function useRefreshSsoConfigurations(
  organizationId: string,
): () => Promise<SsoConfiguration[] | undefined> {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    const { queryKey } = ssoConfigurationQueries.list(organizationId);
    await queryClient.invalidateQueries({ queryKey });
    return queryClient.getQueryData(queryKey);
  }, [queryClient, organizationId]);
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

  const selectProps = {
    id,
    className: 'input',
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(id, { description: true, error }),
  } as const;

  return (
    <Field id={id} label="SSO configuration" description={description} error={error}>
      {sso.data ? (
        // Mounted only once the options exist: react-hook-form sets the registered select's value
        // when it mounts, and a value without its option would show as "Select…".
        <select key="loaded" {...selectProps} {...registration}>
          <option value="">Select an SSO configuration</option>
          {sso.data.map((config) => {
            const active = isSsoActive(config);
            return (
              <option
                key={config.id}
                value={config.id}
                disabled={!active && config.id !== currentId}
              >
                {ssoConfigurationLabel(config)}
                {active ? '' : ' (inactive: activate it in SSO settings first)'}
              </option>
            );
          })}
        </select>
      ) : (
        <select key="placeholder" {...selectProps} disabled>
          <option>{sso.isError ? 'Unavailable' : 'Loading…'}</option>
        </select>
      )}
      {sso.isError ? (
        <Button size="sm" onClick={() => void sso.refetch()}>
          Retry loading SSO configurations
        </Button>
      ) : null}
    </Field>
  );
}
