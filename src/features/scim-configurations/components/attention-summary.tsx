import type { ScimConfiguration } from '#contracts/scim-configurations.ts';
import {
  type ActivityLookup,
  ATTENTION_EXPIRY_DAYS,
  countAttention,
  type StatusFilter,
} from './list-view.ts';

/**
 * "2 expired · 3 expiring within 30 days · 1 rejecting requests" over every configuration (the
 * caller renders it once all pages are loaded); each part applies its filter. Nothing when all is well.
 */
export function AttentionSummary({
  items,
  now,
  activity,
  onFilter,
}: {
  items: readonly ScimConfiguration[];
  now: Date;
  activity: ActivityLookup;
  onFilter: (status: StatusFilter) => void;
}) {
  const counts = countAttention(items, now, activity);
  const parts: { filter: StatusFilter; text: string }[] = [];
  if (counts.expired) parts.push({ filter: 'expired', text: `${counts.expired} expired` });
  if (counts.expiringSoon) {
    parts.push({
      filter: 'expiring-30d',
      text: `${counts.expiringSoon} expiring within ${ATTENTION_EXPIRY_DAYS} days`,
    });
  }
  if (counts.rejecting) {
    parts.push({ filter: 'rejecting', text: `${counts.rejecting} rejecting requests` });
  }
  if (parts.length === 0) return null;
  return (
    <p className="attention-summary">
      <span className="attention-label">Needs attention:</span>{' '}
      {parts.map((part, index) => (
        <span key={part.filter}>
          {index > 0 ? <span aria-hidden="true"> · </span> : null}
          <a
            href={`?status=${part.filter}`}
            onClick={(event) => {
              if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
              event.preventDefault();
              onFilter(part.filter);
            }}
          >
            {part.text}
          </a>
        </span>
      ))}
    </p>
  );
}
