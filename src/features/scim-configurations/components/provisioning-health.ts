// Whether an identity provider is actually using a configuration, from its SCIM activity.
import type { ProvisioningActivity } from '#contracts/provisioning-activity.ts';
import type { ScimConfiguration } from '#contracts/scim-configurations.ts';

export const SILENCE_WARNING_HOURS = 48;
const HOUR_MS = 3_600_000;

export type ActivityWarning =
  | { kind: 'rejected'; count: number; detail: string }
  | { kind: 'silent'; detail: string };

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function rejectionBreakdown(activity: ProvisioningActivity): string {
  const reasons = activity.rejectedByReasonLast24h;
  return [
    reasons.unknownToken ? `${reasons.unknownToken} with an unknown token` : '',
    reasons.expiredToken ? `${reasons.expiredToken} with an expired token` : '',
    reasons.provisioningDisabled ? `${reasons.provisioningDisabled} while disabled` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/**
 * A warning when requests were refused in the last 24 hours, or when an enabled configuration
 * (older than the silence window) has not been called for 48 hours.
 */
export function activityWarning(
  configuration: Pick<ScimConfiguration, 'enabled' | 'createdAt'>,
  activity: ProvisioningActivity,
  now: Date,
): ActivityWarning | undefined {
  if (activity.rejectedLast24h > 0) {
    const breakdown = rejectionBreakdown(activity);
    return {
      kind: 'rejected',
      count: activity.rejectedLast24h,
      detail: `${plural(activity.rejectedLast24h, 'request')} refused in the last 24 hours${breakdown ? ` (${breakdown})` : ''}.`,
    };
  }
  if (!configuration.enabled) return undefined;
  const silenceMs = SILENCE_WARNING_HOURS * HOUR_MS;
  const lastSeen = activity.lastRequestAt ?? configuration.createdAt;
  if (now.getTime() - Date.parse(lastSeen) >= silenceMs) {
    return {
      kind: 'silent',
      detail: activity.lastRequestAt
        ? `No request from the identity provider for ${SILENCE_WARNING_HOURS} hours or more.`
        : `The identity provider has not called this configuration since it was created.`,
    };
  }
  return undefined;
}

export function countLabel(count: number, word: string): string {
  return plural(count, word);
}
