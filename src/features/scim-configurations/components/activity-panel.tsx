import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { ScimConfiguration } from '#contracts/scim-configurations.ts';
import { Button } from '../../../components/ui/button.tsx';
import { LoadingState } from '../../../components/ui/loading-state.tsx';
import { useConnectivity } from '../../../lib/connectivity.ts';
import { useNow } from '../../../lib/dates.ts';
import { describeError } from '../../../lib/error-messages.ts';
import { activityQueries } from '../api/activity-queries.ts';
import { LastRequest } from './activity-summary.tsx';
import { prefetchDialog, useConfigurationDialogs } from './configuration-dialogs.tsx';
import { activityWarning, countLabel, rejectedSummary } from './provisioning-health.ts';
import { useIdentityProvider } from './use-identity-provider.ts';
import { useSetProvisioning } from './use-set-provisioning.ts';

/** The detail page's activity section; absent when the backend has no activity service. */
export function ActivityPanel({ configuration }: { configuration: ScimConfiguration }) {
  const activity = useQuery(activityQueries.batch([configuration.id]));
  const now = useNow();
  const provider = useIdentityProvider(configuration);
  const dialogs = useConfigurationDialogs();
  const { setEnabled, toggle } = useSetProvisioning(configuration);
  const offline = useConnectivity() !== 'online';
  if (activity.data?.supported === false) return null;

  let body: ReactNode;
  if (activity.data?.supported) {
    const entry = activity.data.byId.get(configuration.id);
    if (!entry) {
      body = <p className="muted">No activity recorded.</p>;
    } else {
      const warning = activityWarning(configuration, entry, now, provider);
      const fix = warning?.kind === 'rejected' ? warning.fix : undefined;
      body = (
        <>
          {warning ? (
            <div className="notice notice-warning activity-warning">
              <p className="activity-warning-text">
                <strong>Check the identity provider: </strong>
                {warning.detail}
              </p>
              {fix === 'rotate' ? (
                <Button
                  size="sm"
                  disabled={offline}
                  onClick={(event) =>
                    dialogs.open({ kind: 'rotate', configuration }, event.currentTarget)
                  }
                  onPointerEnter={() => prefetchDialog('rotate')}
                  onFocus={() => prefetchDialog('rotate')}
                >
                  Rotate token
                </Button>
              ) : null}
              {fix === 'enable' ? (
                <Button
                  size="sm"
                  disabled={offline || toggle.isPending}
                  onClick={() => setEnabled(true)}
                >
                  Enable provisioning
                </Button>
              ) : null}
            </div>
          ) : null}
          <dl className="detail-list">
            <div>
              <dt>Last request</dt>
              <dd>
                <LastRequest activity={entry} now={now} />
              </dd>
            </div>
            <div>
              <dt>Requests in the last 24 hours</dt>
              <dd>{entry.requestsLast24h}</dd>
            </div>
            <div>
              <dt>Rejected in the last 24 hours</dt>
              <dd>{rejectedSummary(entry) || 'None'}</dd>
            </div>
            <div>
              <dt>Provisioned</dt>
              <dd>
                {countLabel(entry.provisionedUsers, 'provisioned user')},{' '}
                {countLabel(entry.provisionedGroups, 'provisioned group')}
              </dd>
            </div>
          </dl>
        </>
      );
    }
  } else if (activity.isError) {
    body = (
      <p className="notice notice-error" role="alert">
        Couldn't load the activity. {describeError(activity.error)}
      </p>
    );
  } else {
    body = <LoadingState label="Loading activity…" />;
  }

  return (
    <section className="panel" aria-labelledby="activity-heading">
      <h2 id="activity-heading">Activity</h2>
      {body}
    </section>
  );
}
