import { formatDateTime, formatRelative } from '../../../lib/dates.ts';

/** "Expires in 23 days" / "Expired 2 days ago", exact date and time in the title. */
export function TokenExpiry({ tokenExpiresAt, now }: { tokenExpiresAt: string; now: Date }) {
  const expiresAt = new Date(tokenExpiresAt);
  const relative = formatRelative(expiresAt, now, 'day');
  const text = expiresAt.getTime() <= now.getTime() ? `Expired ${relative}` : `Expires ${relative}`;
  return (
    <time dateTime={tokenExpiresAt} title={formatDateTime(expiresAt)}>
      {text}
    </time>
  );
}

export function RelativeTime({
  value,
  now,
  prefix,
}: {
  value: string;
  now: Date;
  prefix?: string;
}) {
  const date = new Date(value);
  const relative = formatRelative(date, now);
  return (
    <time dateTime={value} title={formatDateTime(date)}>
      {prefix ? `${prefix} ${relative}` : relative}
    </time>
  );
}
