// Whether an identity provider is actually using a configuration, from its SCIM activity: the words
// the list row, the detail page and the activity panel all use.
import type { ProvisioningActivity } from '#contracts/provisioning-activity.ts';
import type { ScimConfiguration } from '#contracts/scim-configurations.ts';
import {
  type IdentityProviderId,
  identityProviderNames,
  identityProviderTestHints,
} from './identity-provider.ts';

/** A configuration its provider has never called this long after creation is worth a look. */
export const NEVER_CALLED_WARNING_HOURS = 48;
const HOUR_MS = 3_600_000;

export type ActivityFix = 'rotate' | 'enable';

export type ActivityWarning =
  | { kind: 'rejected'; count: number; detail: string; fix?: ActivityFix }
  | { kind: 'never-called'; detail: string };

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function countLabel(count: number, word: string): string {
  return plural(count, word);
}

const reasonWords = {
  // Only a token rotated away is counted against a configuration (one never issued names none).
  unknownToken: 'token rotated away',
  expiredToken: 'token expired',
  provisioningDisabled: 'provisioning disabled',
} as const;

/** "token expired" for one reason, "4 token expired, 3 provisioning disabled" for several. */
export function rejectionBreakdown(activity: ProvisioningActivity): string {
  const reasons = (Object.keys(reasonWords) as (keyof typeof reasonWords)[]).filter(
    (reason) => activity.rejectedByReasonLast24h[reason] > 0,
  );
  if (reasons.length === 1 && reasons[0]) return reasonWords[reasons[0]];
  return reasons
    .map((reason) => `${activity.rejectedByReasonLast24h[reason]} ${reasonWords[reason]}`)
    .join(', ');
}

/** "7 rejected (token expired)", or "" when nothing was refused in the last 24 hours. */
export function rejectedSummary(activity: ProvisioningActivity): string {
  if (activity.rejectedLast24h === 0) return '';
  const breakdown = rejectionBreakdown(activity);
  return `${activity.rejectedLast24h} rejected${breakdown ? ` (${breakdown})` : ''}`;
}

/**
 * One line about the requests: "No request yet", "No successful request yet, 7 rejected (token
 * expired)", or (from `lastRequestAt`, which counts only accepted requests) "Last request …".
 */
export function requestSummary(
  activity: ProvisioningActivity,
  lastRequestText: (at: Date) => string,
): string {
  if (activity.lastRequestAt) return lastRequestText(new Date(activity.lastRequestAt));
  const rejected = rejectedSummary(activity);
  return rejected ? `No successful request yet, ${rejected}` : 'No request yet';
}

/**
 * A warning when requests were refused in the last 24 hours (with the fix when the cause is ours to
 * fix), or when an enabled configuration was never called long after it was created.
 *
 * No warning for a configuration that was called once and then went quiet: Okta, OneLogin and
 * JumpCloud push only on change, and Entra ID's and Google's sync cycles send nothing when nothing
 * changed, so silence is the normal state of a healthy setup.
 */
export function activityWarning(
  configuration: Pick<ScimConfiguration, 'enabled' | 'createdAt' | 'tokenExpiresAt'>,
  activity: ProvisioningActivity,
  now: Date,
  provider?: IdentityProviderId,
): ActivityWarning | undefined {
  const who =
    provider && provider !== 'other' ? identityProviderNames[provider] : 'The identity provider';
  if (activity.rejectedLast24h > 0) {
    const { expiredToken, provisioningDisabled, unknownToken } = activity.rejectedByReasonLast24h;
    const tokenExpired = Date.parse(configuration.tokenExpiresAt) <= now.getTime();
    const causes: string[] = [];
    let fix: ActivityFix | undefined;
    if (provisioningDisabled > 0) {
      causes.push(
        configuration.enabled
          ? 'provisioning was disabled; it is enabled again'
          : 'provisioning is disabled: enable it to accept them',
      );
      if (!configuration.enabled) fix = 'enable';
    }
    if (expiredToken > 0) {
      causes.push(
        tokenExpired
          ? 'the token has expired: rotate it and paste the new token into the identity provider'
          : 'an expired token was used; the current token is newer: paste it into the identity provider',
      );
      if (tokenExpired) fix ??= 'rotate';
    }
    if (unknownToken > 0) {
      causes.push(
        'it still sends a token that was rotated away: paste the current token into the identity provider, or rotate again if that token is lost',
      );
      fix ??= 'rotate';
    }
    const base = `${who} sent ${plural(activity.rejectedLast24h, 'request')} that ${activity.rejectedLast24h === 1 ? 'was' : 'were'} rejected in the last 24 hours`;
    const detail = causes.length ? `${base}: ${causes.join('; ')}.` : `${base}.`;
    return fix
      ? { kind: 'rejected', count: activity.rejectedLast24h, detail, fix }
      : { kind: 'rejected', count: activity.rejectedLast24h, detail };
  }
  if (!configuration.enabled || activity.lastRequestAt) return undefined;
  if (now.getTime() - Date.parse(configuration.createdAt) < NEVER_CALLED_WARNING_HOURS * HOUR_MS) {
    return undefined;
  }
  const hint = identityProviderTestHints[provider ?? 'other'];
  return {
    kind: 'never-called',
    detail: `${who === 'The identity provider' ? 'No identity provider has' : `${who} has`} not called this configuration since it was created. ${hint}`,
  };
}
