import type { CSSProperties } from 'react';
import { Link } from 'wouter';
import type { ProvisioningActivity } from '#contracts/provisioning-activity.ts';
import type { ScimConfiguration } from '#contracts/scim-configurations.ts';
import { ActionMenu } from '../../../components/ui/action-menu.tsx';
import { formatDate, formatDateTime } from '../../../lib/dates.ts';
import { ActivityWarningChip, LastRequest } from './activity-summary.tsx';
import { prefetchDialog, useConfigurationDialogs } from './configuration-dialogs.tsx';
import { configurationStatus, displayName } from './configuration-status.ts';
import { ProvisioningSwitch } from './provisioning-switch.tsx';
import { StatusChip } from './status-chip.tsx';
import { RelativeTime, TokenExpiry } from './token-expiry.tsx';

export interface ConfigurationRowProps {
  configuration: ScimConfiguration;
  ssoName: string;
  /** Undefined while loading, or when the backend has no activity service. */
  activity: ProvisioningActivity | undefined;
  now: Date;
  position: number;
  setSize: number;
  style: CSSProperties;
}

function prefetchRowDialogs() {
  prefetchDialog('edit');
  prefetchDialog('rotate');
  prefetchDialog('delete');
}

export function ConfigurationRow({
  configuration,
  ssoName,
  activity,
  now,
  position,
  setSize,
  style,
}: ConfigurationRowProps) {
  const dialogs = useConfigurationDialogs();
  const name = displayName(configuration);
  const status = configurationStatus(configuration, now);
  return (
    <li
      // biome-ignore lint/a11y/noRedundantRoles: Safari drops list semantics under `list-style: none`
      role="listitem"
      aria-posinset={position}
      aria-setsize={setSize}
      className={`config-row status-${status}`}
      style={style}
    >
      <div className="row-main">
        <Link href={`/scim/${configuration.id}`} className="row-name">
          {name}
        </Link>
        <span className="row-meta">
          <span className="row-sso" title={ssoName}>
            {ssoName}
          </span>
          <span className="row-created" title={formatDateTime(new Date(configuration.createdAt))}>
            Created {formatDate(new Date(configuration.createdAt))}
          </span>
        </span>
      </div>
      <div className="row-status">
        <StatusChip status={status} />
        {activity ? (
          <ActivityWarningChip configuration={configuration} activity={activity} now={now} />
        ) : null}
      </div>
      <div className="row-expiry">
        <TokenExpiry tokenExpiresAt={configuration.tokenExpiresAt} now={now} />
      </div>
      <div className="row-updated">
        <RelativeTime value={configuration.updatedAt} now={now} prefix="Updated" />
        {activity ? <LastRequest activity={activity} now={now} /> : null}
      </div>
      <div className="row-toggle">
        <ProvisioningSwitch configuration={configuration} variant="row" />
      </div>
      <div className="row-actions">
        <ActionMenu
          label={`Actions for ${name}`}
          onPrefetch={prefetchRowDialogs}
          items={[
            {
              label: 'Edit',
              onSelect: (button) => dialogs.open({ kind: 'edit', configuration }, button),
            },
            {
              label: 'Rotate token',
              onSelect: (button) => dialogs.open({ kind: 'rotate', configuration }, button),
            },
            {
              label: 'Delete',
              tone: 'danger',
              onSelect: (button) => dialogs.open({ kind: 'delete', configuration }, button),
            },
          ]}
        />
      </div>
    </li>
  );
}
