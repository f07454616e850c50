// A configuration's status as admins need it, computed in the browser from the token expiry.
import type { ScimConfiguration } from '#contracts/scim-configurations.ts';

export const EXPIRING_SOON_DAYS = 14;
const DAY_MS = 86_400_000;

export type ConfigurationStatus = 'disabled' | 'expired' | 'expiring-soon' | 'active';

export const statusLabels: Record<ConfigurationStatus, string> = {
  disabled: 'Disabled',
  expired: 'Expired',
  'expiring-soon': 'Expiring soon',
  active: 'Active',
};

export function configurationStatus(
  configuration: Pick<ScimConfiguration, 'enabled' | 'tokenExpiresAt'>,
  now: Date,
): ConfigurationStatus {
  if (!configuration.enabled) return 'disabled';
  const expiresAt = Date.parse(configuration.tokenExpiresAt);
  if (expiresAt <= now.getTime()) return 'expired';
  if (expiresAt - now.getTime() < EXPIRING_SOON_DAYS * DAY_MS) return 'expiring-soon';
  return 'active';
}

export const UNNAMED_CONFIGURATION = 'Unnamed configuration';

export function displayName(configuration: Pick<ScimConfiguration, 'name'>): string {
  return configuration.name.trim() || UNNAMED_CONFIGURATION;
}

/** What the admin types to confirm a destructive action: the name, or a fixed word when unnamed. */
export function confirmationWord(
  configuration: Pick<ScimConfiguration, 'name'>,
  fallback: 'rotate' | 'delete',
): string {
  return configuration.name.trim() || fallback;
}
