import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Link, useLocation } from 'wouter';
import { ConnectError } from '#contracts/connect.ts';
import type { ScimConfiguration } from '#contracts/scim-configurations.ts';
import { Button } from '../../../components/ui/button.tsx';
import { LoadingState } from '../../../components/ui/loading-state.tsx';
import { formatDateTime, useNow } from '../../../lib/dates.ts';
import { useDocumentTitle } from '../../../lib/document-title.ts';
import { describeError } from '../../../lib/error-messages.ts';
import { focusPageHeading, PAGE_HEADING_ID } from '../../../lib/focus.ts';
import { runtimeConfigQueryOptions } from '../../../lib/runtime-config.ts';
import { scimConfigurationQueries } from '../api/scim-configuration-queries.ts';
import { ActivityPanel } from './activity-panel.tsx';
import { ConfigurationActivityWarningChip } from './activity-summary.tsx';
import {
  ConfigurationDialogsProvider,
  prefetchDialog,
  useConfigurationDialogs,
} from './configuration-dialogs.tsx';
import { useSsoNames } from './configuration-list.tsx';
import { configurationStatus, displayName } from './configuration-status.ts';
import { ProvisioningSwitch } from './provisioning-switch.tsx';
import { StatusChip } from './status-chip.tsx';
import { RelativeTime, TokenExpiry } from './token-expiry.tsx';
import { useIdentityProvider } from './use-identity-provider.ts';

// The kit's steps and labels load with the detail page's first render, not with the list.
const SetupKit = lazy(() => import('./setup-kit.tsx').then((m) => ({ default: m.SetupKit })));

export function ScimConfigurationDetailPage({
  id,
  organizationId,
}: {
  id: string;
  organizationId: string;
}) {
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const detail = useQuery(scimConfigurationQueries.detail(id, queryClient));
  const gone = detail.error instanceof ConnectError && detail.error.code === 'not_found';
  useDocumentTitle(
    detail.data
      ? displayName(detail.data)
      : gone
        ? 'Configuration not found'
        : detail.isError
          ? "Couldn't load configuration"
          : 'Loading configuration',
  );

  const backLink = (
    <Link href="/" className="back-link">
      ← All SCIM configurations
    </Link>
  );

  // Checked before the data: a configuration deleted elsewhere must not keep showing as if alive.
  if (gone) {
    return (
      <>
        {backLink}
        <div className="panel">
          <h1 id={PAGE_HEADING_ID} tabIndex={-1}>
            This configuration no longer exists
          </h1>
          <p>It may have been deleted. Identity providers using its token are refused.</p>
          <Link href="/" className="btn btn-primary">
            Back to SCIM provisioning
          </Link>
        </div>
      </>
    );
  }
  if (detail.data === undefined) {
    return (
      <>
        {backLink}
        {detail.isError ? (
          <div className="panel panel-error" role="alert">
            <h1 id={PAGE_HEADING_ID} tabIndex={-1}>
              Couldn't load this configuration
            </h1>
            <p>{describeError(detail.error)}</p>
            <Button variant="primary" onClick={() => void detail.refetch()}>
              Retry
            </Button>
          </div>
        ) : (
          <LoadingState label="Loading configuration…" />
        )}
      </>
    );
  }

  return (
    <ConfigurationDialogsProvider
      organizationId={organizationId}
      fallbackFocus={focusPageHeading}
      onDeleted={() => navigate('/')}
    >
      {backLink}
      <ConfigurationDetail
        configuration={detail.data}
        organizationId={organizationId}
        updating={detail.isFetching}
        refreshError={detail.isRefetchError ? detail.error : undefined}
      />
    </ConfigurationDialogsProvider>
  );
}

function ConfigurationDetail({
  configuration,
  organizationId,
  updating,
  refreshError,
}: {
  configuration: ScimConfiguration;
  organizationId: string;
  updating: boolean;
  refreshError: unknown;
}) {
  const dialogs = useConfigurationDialogs();
  const now = useNow();
  const ssoName = useSsoNames(organizationId);
  const status = configurationStatus(configuration, now);
  const name = displayName(configuration);

  return (
    <article className="detail">
      <div className="page-header">
        <div>
          <h1 id={PAGE_HEADING_ID} tabIndex={-1}>
            {name}
          </h1>
          <div className="detail-summary">
            <StatusChip status={status} />
            <ConfigurationActivityWarningChip configuration={configuration} now={now} />
            <TokenExpiry tokenExpiresAt={configuration.tokenExpiresAt} now={now} />
            <span className="list-updating" role="status">
              {updating ? 'Updating…' : ''}
            </span>
          </div>
        </div>
        <div className="actions">
          <Button
            onClick={(event) => dialogs.open({ kind: 'edit', configuration }, event.currentTarget)}
            onPointerEnter={() => prefetchDialog('edit')}
            onFocus={() => prefetchDialog('edit')}
          >
            Edit
          </Button>
          <Button
            onClick={(event) =>
              dialogs.open({ kind: 'rotate', configuration }, event.currentTarget)
            }
            onPointerEnter={() => prefetchDialog('rotate')}
            onFocus={() => prefetchDialog('rotate')}
          >
            Rotate token
          </Button>
          <Button
            variant="danger"
            onClick={(event) =>
              dialogs.open({ kind: 'delete', configuration }, event.currentTarget)
            }
            onPointerEnter={() => prefetchDialog('delete')}
            onFocus={() => prefetchDialog('delete')}
          >
            Delete
          </Button>
        </div>
      </div>
      {refreshError ? (
        <p className="notice notice-error" role="alert">
          Couldn't refresh: {describeError(refreshError)} Showing the last loaded data.
        </p>
      ) : null}
      <section className="panel" aria-labelledby="provisioning-heading">
        <h2 id="provisioning-heading">Provisioning</h2>
        <ProvisioningSwitch configuration={configuration} variant="detail" />
      </section>
      <ActivityPanel configuration={configuration} />
      <section className="panel" aria-labelledby="connection-heading">
        <h2 id="connection-heading">Identity provider connection</h2>
        <ConnectionKit configuration={configuration} />
      </section>
      <section className="panel" aria-labelledby="details-heading">
        <h2 id="details-heading">Details</h2>
        <dl className="detail-list">
          <div>
            <dt>Name</dt>
            <dd>{name}</dd>
          </div>
          <div>
            <dt>SSO configuration</dt>
            <dd>{ssoName(configuration.ssoConfigurationId)}</dd>
          </div>
          <div>
            <dt>Token expiry</dt>
            <dd>
              {formatDateTime(new Date(configuration.tokenExpiresAt))} (
              <TokenExpiry tokenExpiresAt={configuration.tokenExpiresAt} now={now} />)
            </dd>
          </div>
          <div>
            <dt>Linking to accounts with unverified email</dt>
            <dd>{configuration.allowUnverifiedEmailAccountLinking ? 'Allowed' : 'Not allowed'}</dd>
          </div>
          <div>
            <dt>Created</dt>
            <dd>
              <RelativeTime value={configuration.createdAt} now={now} />
            </dd>
          </div>
          <div>
            <dt>Updated</dt>
            <dd>
              <RelativeTime value={configuration.updatedAt} now={now} />
            </dd>
          </div>
          <div>
            <dt>Configuration ID</dt>
            <dd className="mono">{configuration.id}</dd>
          </div>
        </dl>
      </section>
    </article>
  );
}

function ConnectionKit({ configuration }: { configuration: ScimConfiguration }) {
  const runtimeConfig = useQuery(runtimeConfigQueryOptions());
  const dialogs = useConfigurationDialogs();
  const provider = useIdentityProvider(configuration);
  return (
    <Suspense fallback={<LoadingState label="Loading setup steps…" />}>
      <SetupKit
        configurationId={configuration.id}
        initialProvider={provider}
        scimBaseUrl={runtimeConfig.data?.scimBaseUrl ?? ''}
        urlPlaceholder={runtimeConfig.isError ? 'Unavailable' : 'Loading…'}
        tokenUnavailable={
          <>
            <p className="field-description">
              The token was shown only once, when it was created. If you no longer have it, rotate
              the token to get a new one.
            </p>
            <Button
              size="sm"
              onClick={(event) =>
                dialogs.open({ kind: 'rotate', configuration }, event.currentTarget)
              }
              onPointerEnter={() => prefetchDialog('rotate')}
              onFocus={() => prefetchDialog('rotate')}
            >
              Rotate to get a new token
            </Button>
          </>
        }
      />
    </Suspense>
  );
}
