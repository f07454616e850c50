// What the list shows: search, status filter and sort, as kept in the URL query string, and the
// rules that pick and order the rows. The API has no filter for this list, so all of it runs here.
import type { ProvisioningActivity } from '#contracts/provisioning-activity.ts';
import type { ScimConfiguration } from '#contracts/scim-configurations.ts';
import { configurationStatus, displayName } from './configuration-status.ts';

const DAY_MS = 86_400_000;
/** "Needs attention" looks further ahead than the Expiring soon chip: time to plan a rotation. */
export const ATTENTION_EXPIRY_DAYS = 30;

export const statusFilters = [
  'all',
  'attention',
  'active',
  'expiring-soon',
  'expired',
  'disabled',
  'expiring-30d',
  'rejecting',
] as const;
export type StatusFilter = (typeof statusFilters)[number];

export const statusFilterLabels: Record<StatusFilter, string> = {
  all: 'All',
  attention: 'Needs attention',
  active: 'Active',
  'expiring-soon': 'Expiring soon',
  expired: 'Expired',
  disabled: 'Disabled',
  'expiring-30d': `Expiring within ${ATTENTION_EXPIRY_DAYS} days`,
  rejecting: 'Rejecting requests',
};

export const sortOrders = ['created', 'name', 'expiry'] as const;
export type SortOrder = (typeof sortOrders)[number];

export const sortLabels: Record<SortOrder, string> = {
  created: 'Created (oldest first)',
  name: 'Name',
  expiry: 'Expiry (soonest first)',
};

export interface ListView {
  /** The search text as typed (matched trimmed). */
  search: string;
  status: StatusFilter;
  sort: SortOrder;
}

export const DEFAULT_VIEW: ListView = { search: '', status: 'all', sort: 'created' };

function oneOf<T extends string>(values: readonly T[], value: string | null, fallback: T): T {
  return values.find((candidate) => candidate === value) ?? fallback;
}

/** Reads `?q=&status=&sort=`; unknown values fall back to the defaults. */
export function parseView(search: string): ListView {
  const params = new URLSearchParams(search);
  return {
    search: params.get('q') ?? '',
    status: oneOf(statusFilters, params.get('status'), DEFAULT_VIEW.status),
    sort: oneOf(sortOrders, params.get('sort'), DEFAULT_VIEW.sort),
  };
}

/** The query string for a view, defaults left out (so the plain list keeps a plain URL). */
export function serializeView(view: ListView): string {
  const params = new URLSearchParams();
  if (view.search) params.set('q', view.search);
  if (view.status !== DEFAULT_VIEW.status) params.set('status', view.status);
  if (view.sort !== DEFAULT_VIEW.sort) params.set('sort', view.sort);
  return params.toString();
}

/** Whether the view picks or orders rows: then every page must be loaded to show it truthfully. */
export function needsEveryPage(view: ListView): boolean {
  return view.search.trim() !== '' || view.status !== 'all' || view.sort !== 'created';
}

/**
 * Case-insensitive across scripts: NFKC folds compatibility forms (full-width letters, ligatures),
 * and upper- then lower-casing folds special cases such as "ß" and "SS".
 */
function foldForSearch(text: string): string {
  return text.normalize('NFKC').toUpperCase().toLowerCase();
}

// Folding is the costly part of a search over thousands of rows; names rarely change, so each
// folded text is kept (bounded: the set of names and SSO labels an organization has).
const folded = new Map<string, string>();
const FOLDED_LIMIT = 50_000;

function foldCached(text: string): string {
  let result = folded.get(text);
  if (result === undefined) {
    if (folded.size >= FOLDED_LIMIT) folded.clear();
    result = foldForSearch(text);
    folded.set(text, result);
  }
  return result;
}

export type ActivityLookup = (id: string) => ProvisioningActivity | undefined;

/** What needs attention about one configuration; all false when nothing does. */
export function attentionOf(
  configuration: ScimConfiguration,
  now: Date,
  activity: ProvisioningActivity | undefined,
) {
  const status = configurationStatus(configuration, now);
  const left = Date.parse(configuration.tokenExpiresAt) - now.getTime();
  return {
    expired: status === 'expired',
    expiringSoon:
      configuration.enabled && status !== 'expired' && left < ATTENTION_EXPIRY_DAYS * DAY_MS,
    rejecting: (activity?.rejectedLast24h ?? 0) > 0,
  };
}

export function matchesStatus(
  configuration: ScimConfiguration,
  filter: StatusFilter,
  now: Date,
  activity: ProvisioningActivity | undefined,
): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'attention': {
      const attention = attentionOf(configuration, now, activity);
      return attention.expired || attention.expiringSoon || attention.rejecting;
    }
    case 'expiring-30d':
      return attentionOf(configuration, now, activity).expiringSoon;
    case 'rejecting':
      return attentionOf(configuration, now, activity).rejecting;
    default:
      return configurationStatus(configuration, now) === filter;
  }
}

const nameCollator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function compareBy(sort: SortOrder) {
  return (a: ScimConfiguration, b: ScimConfiguration): number => {
    if (sort === 'name') return nameCollator.compare(displayName(a), displayName(b));
    if (sort === 'expiry') return Date.parse(a.tokenExpiresAt) - Date.parse(b.tokenExpiresAt);
    return 0;
  };
}

/**
 * The rows to show, in order. `placed` gives the version of a row that decides its place: the one
 * first shown in this view, so a row the admin edits stays where it was until the view changes.
 * Ties keep the API's order (Array.prototype.sort is stable).
 */
export function selectRows(
  items: readonly ScimConfiguration[],
  view: ListView,
  now: Date,
  activity: ActivityLookup,
  placed: (configuration: ScimConfiguration) => ScimConfiguration = (c) => c,
  ssoName: (id: string) => string = () => '',
): ScimConfiguration[] {
  const needle = foldForSearch(view.search.trim());
  const rows: { shown: ScimConfiguration; place: ScimConfiguration }[] = [];
  for (const shown of items) {
    const place = placed(shown);
    if (
      needle &&
      !foldCached(displayName(place)).includes(needle) &&
      !foldCached(ssoName(place.ssoConfigurationId)).includes(needle)
    ) {
      continue;
    }
    if (!matchesStatus(place, view.status, now, activity(place.id))) continue;
    rows.push({ shown, place });
  }
  if (view.sort !== 'created') {
    const compare = compareBy(view.sort);
    rows.sort((a, b) => compare(a.place, b.place));
  }
  return rows.map((row) => row.shown);
}

export interface AttentionCounts {
  expired: number;
  expiringSoon: number;
  rejecting: number;
}

export function countAttention(
  items: readonly ScimConfiguration[],
  now: Date,
  activity: ActivityLookup,
): AttentionCounts {
  const counts: AttentionCounts = { expired: 0, expiringSoon: 0, rejecting: 0 };
  for (const configuration of items) {
    const attention = attentionOf(configuration, now, activity(configuration.id));
    if (attention.expired) counts.expired += 1;
    if (attention.expiringSoon) counts.expiringSoon += 1;
    if (attention.rejecting) counts.rejecting += 1;
  }
  return counts;
}
