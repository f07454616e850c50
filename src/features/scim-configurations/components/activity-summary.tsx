import { useQuery } from '@tanstack/react-query';
import type { ProvisioningActivity } from '#contracts/provisioning-activity.ts';
import type { ScimConfiguration } from '#contracts/scim-configurations.ts';
import { formatDateTime, formatRelative } from '../../../lib/dates.ts';
import { activityQueries } from '../api/activity-queries.ts';
import { activityWarning } from './provisioning-health.ts';

const JUST_NOW_MS = 10_000;

/** "Last request 3 minutes ago" / "Never used", exact time in the title. */
export function LastRequest({ activity, now }: { activity: ProvisioningActivity; now: Date }) {
  if (!activity.lastRequestAt) return <span>Never used</span>;
  const at = new Date(activity.lastRequestAt);
  // Also covers a server clock slightly ahead of the browser's.
  const text =
    now.getTime() - at.getTime() < JUST_NOW_MS
      ? 'Last request just now'
      : `Last request ${formatRelative(at, now)}`;
  return (
    <time dateTime={activity.lastRequestAt} title={formatDateTime(at)}>
      {text}
    </time>
  );
}

/** A chip that flags refused requests or a silent identity provider; nothing when all is well. */
export function ActivityWarningChip({
  configuration,
  activity,
  now,
}: {
  configuration: Pick<ScimConfiguration, 'enabled' | 'createdAt'>;
  activity: ProvisioningActivity;
  now: Date;
}) {
  const warning = activityWarning(configuration, activity, now);
  if (!warning) return null;
  return (
    <span className="chip chip-warning" title={warning.detail}>
      <span className="chip-icon" aria-hidden="true">
        ▲
      </span>
      {warning.kind === 'rejected' ? `${warning.count} rejected` : 'No recent requests'}
      <span className="sr-only">: {warning.detail}</span>
    </span>
  );
}

/** The list's warning chip for one configuration (detail page); shares the activity panel's query. */
export function ConfigurationActivityWarningChip({
  configuration,
  now,
}: {
  configuration: Pick<ScimConfiguration, 'id' | 'enabled' | 'createdAt'>;
  now: Date;
}) {
  const activity = useQuery(activityQueries.batch([configuration.id]));
  const entry = activity.data?.supported ? activity.data.byId.get(configuration.id) : undefined;
  return entry ? (
    <ActivityWarningChip configuration={configuration} activity={entry} now={now} />
  ) : null;
}
