import { lazy, memo, Suspense, useState } from 'react';
import { Link } from 'wouter';
import type { ProvisioningActivity } from '#contracts/provisioning-activity.ts';
import type { ScimConfiguration } from '#contracts/scim-configurations.ts';
import { ActionMenu } from '../../../components/ui/action-menu.tsx';
import { formatDate, formatDateTime } from '../../../lib/dates.ts';
import { prefetchDialog, useConfigurationDialogs } from './configuration-dialogs.tsx';
import { configurationStatus, displayName } from './configuration-status.ts';
import { ProvisioningSwitch } from './provisioning-switch.tsx';
import { StatusChip } from './status-chip.tsx';
import { RelativeTime, TokenExpiry } from './token-expiry.tsx';

// The activity answer arrives after the first rows are on screen; the code that words it (health
// rules, provider detection) follows it out of the first page's chunk.
const loadActivitySummary = () => import('./activity-summary.tsx');
const ActivityWarningChip = lazy(() =>
  loadActivitySummary().then((m) => ({ default: m.ActivityWarningChip })),
);
const LastRequest = lazy(() => loadActivitySummary().then((m) => ({ default: m.LastRequest })));

export interface ConfigurationRowProps {
  configuration: ScimConfiguration;
  ssoName: string;
  /** Undefined while loading, or when the backend has no activity service. */
  activity: ProvisioningActivity | undefined;
  now: Date;
  /** Position and place in the virtualized list; absent for the rows pinned above it. */
  position?: number;
  setSize?: number;
  /** Pixels from the top of the list, and the row's height. */
  top?: number;
  height?: number;
  /** Created in this tab: marked New. */
  isNew?: boolean;
}

/** The texts of the row that are cut off with an ellipsis right now (measured, not guessed). */
function truncatedTexts(row: HTMLElement): string[] {
  return Array.from(row.querySelectorAll<HTMLElement>('.truncate'))
    .filter((element) => element.scrollWidth > element.clientWidth + 1)
    .map((element) => element.dataset.fullText ?? element.textContent ?? '');
}

function prefetchRowDialogs() {
  prefetchDialog('edit');
  prefetchDialog('rotate');
  prefetchDialog('delete');
}

/** Memoized: while a search loads page after page, the rows on screen do not change. */
export const ConfigurationRow = memo(function ConfigurationRow({
  configuration,
  ssoName,
  activity,
  now,
  position,
  setSize,
  top,
  height,
  isNew = false,
}: ConfigurationRowProps) {
  const dialogs = useConfigurationDialogs();
  const name = displayName(configuration);
  const status = configurationStatus(configuration, now);
  // Hover has the title attributes; keyboard focus shows what the ellipses cut off.
  const [fullTexts, setFullTexts] = useState<string[]>([]);
  return (
    <li
      // biome-ignore lint/a11y/noRedundantRoles: Safari drops list semantics under `list-style: none`
      role="listitem"
      aria-posinset={position}
      aria-setsize={setSize}
      className={`config-row status-${status}${isNew ? ' config-row-new' : ''}`}
      style={top === undefined ? undefined : { height, transform: `translateY(${top}px)` }}
      data-configuration-id={configuration.id}
      onFocus={(event) => {
        if (event.target.matches(':focus-visible'))
          setFullTexts(truncatedTexts(event.currentTarget));
      }}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setFullTexts([]);
      }}
    >
      <div className="row-main">
        <span className="row-title">
          <Link
            href={`/scim/${configuration.id}`}
            className="row-name truncate"
            title={name}
            data-full-text={name}
          >
            {name}
          </Link>
          {isNew ? <span className="chip chip-new">New</span> : null}
        </span>
        <span className="row-meta">
          <span className="row-sso truncate" title={ssoName} data-full-text={ssoName}>
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
          <Suspense fallback={null}>
            <ActivityWarningChip configuration={configuration} activity={activity} now={now} />
          </Suspense>
        ) : null}
      </div>
      <div className="row-expiry">
        <TokenExpiry tokenExpiresAt={configuration.tokenExpiresAt} now={now} />
      </div>
      <div className="row-updated">
        <RelativeTime value={configuration.updatedAt} now={now} prefix="Updated" />
        {activity ? (
          <Suspense fallback={null}>
            <LastRequest activity={activity} now={now} />
          </Suspense>
        ) : null}
      </div>
      <div className="row-toggle">
        <ProvisioningSwitch configuration={configuration} variant="row" />
      </div>
      {fullTexts.length > 0 ? (
        <div className="row-full-text" aria-hidden="true">
          {fullTexts.map((text) => (
            <span key={text}>{text}</span>
          ))}
        </div>
      ) : null}
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
});
