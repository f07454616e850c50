import { useQuery } from '@tanstack/react-query';
import type { ProvisioningActivity } from '#contracts/provisioning-activity.ts';
import type { ScimConfiguration } from '#contracts/scim-configurations.ts';
import { formatDateTime, formatRelative } from '../../../lib/dates.ts';
import { activityQueries } from '../api/activity-queries.ts';
import { activityWarning, requestSummary } from './provisioning-health.ts';
import { useIdentityProvider } from './use-identity-provider.ts';

const JUST_NOW_MS = 10_000;

/**
 * "Last request 3 minutes ago" (exact time in the title), "No successful request yet, 7 rejected
 * (token expired)" or "No request yet": the same words in the row, the detail page and the panel.
 */
export function LastRequest({ activity, now }: { activity: ProvisioningActivity; now: Date }) {
  const text = requestSummary(activity, (at) =>
    // Also covers a server clock slightly ahead of the browser's.
    now.getTime() - at.getTime() < JUST_NOW_MS
      ? 'Last request just now'
      : `Last request ${formatRelative(at, now)}`,
  );
  if (!activity.lastRequestAt) return <span>{text}</span>;
  return (
    <time
      dateTime={activity.lastRequestAt}
      title={formatDateTime(new Date(activity.lastRequestAt))}
    >
      {text}
    </time>
  );
}

type WarningConfiguration = Pick<
  ScimConfiguration,
  'id' | 'organizationId' | 'ssoConfigurationId' | 'enabled' | 'createdAt' | 'tokenExpiresAt'
>;

/** A chip that flags refused requests or a provider that never called; nothing when all is well. */
export function ActivityWarningChip({
  configuration,
  activity,
  now,
}: {
  configuration: WarningConfiguration;
  activity: ProvisioningActivity;
  now: Date;
}) {
  const provider = useIdentityProvider(configuration);
  const warning = activityWarning(configuration, activity, now, provider);
  if (!warning) return null;
  return (
    <span className="chip chip-warning" title={warning.detail}>
      <span className="chip-icon" aria-hidden="true">
        ▲
      </span>
      {warning.kind === 'rejected' ? `${warning.count} rejected` : 'Not connected yet'}
      <span className="sr-only">: {warning.detail}</span>
    </span>
  );
}

/** The list's warning chip for one configuration (detail page); shares the activity panel's query. */
export function ConfigurationActivityWarningChip({
  configuration,
  now,
}: {
  configuration: WarningConfiguration;
  now: Date;
}) {
  const activity = useQuery(activityQueries.batch([configuration.id]));
  const entry = activity.data?.supported ? activity.data.byId.get(configuration.id) : undefined;
  return entry ? (
    <ActivityWarningChip configuration={configuration} activity={entry} now={now} />
  ) : null;
}
