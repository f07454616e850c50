// Resolves a list request's page (token + size) from the body or the query, and builds the response.
import { ConnectError } from '../../contracts/connect.ts';
import {
  effectivePageSize,
  MAX_PAGE_SIZE,
  type PaginationRequest,
} from '../../contracts/pagination.ts';
import type { Keyset, PageQuery } from '../repositories/keyset.ts';
import type { PageTokenCodec } from './page-tokens.ts';

export interface PageRequest {
  /** Identifies the list (procedure + organization) a page token belongs to. */
  list: string;
  pageSize: number;
  query: PageQuery;
}

const integer = /^[+-]?\d+$/;

function pageSizeFromQuery(query: URLSearchParams): number | undefined {
  const raw = query.get('pageSize') ?? query.get('page_size');
  if (raw === null || raw === '') return undefined;
  if (!integer.test(raw)) {
    throw new ConnectError('invalid_argument', 'pagination.pageSize: must be an integer');
  }
  const value = Number(raw);
  if (value < 0 || value > MAX_PAGE_SIZE) {
    throw new ConnectError('invalid_argument', 'pagination.pageSize: must be between 0 and 100');
  }
  return value;
}

/**
 * Stainless SDKs put `token`/`pageSize` in the query and keep the body unchanged across pages, so the
 * query token wins; the size comes from the body, else the query, else 25 (0 also means 25).
 */
export function resolvePage(
  codec: PageTokenCodec,
  list: string,
  pagination: PaginationRequest | undefined,
  query: URLSearchParams,
): PageRequest {
  const token = query.get('token') || pagination?.token || '';
  const pageSize = effectivePageSize(pagination?.pageSize || pageSizeFromQuery(query));
  const after = token ? codec.decode(list, token) : undefined;
  return { list, pageSize, query: { after, limit: pageSize + 1 } };
}

export function finishPage<T extends Keyset>(
  codec: PageTokenCodec,
  page: PageRequest,
  rows: T[],
): { items: T[]; pagination: { nextToken?: string } } {
  return finishPageBy(codec, page, rows, (row) => row);
}

/** `finishPage` for rows that are not keysets themselves (e.g. rows already encoded as JSON). */
export function finishPageBy<T>(
  codec: PageTokenCodec,
  page: PageRequest,
  rows: T[],
  keysetOf: (row: T) => Keyset,
): { items: T[]; pagination: { nextToken?: string } } {
  if (rows.length <= page.pageSize) return { items: rows, pagination: {} };
  const items = rows.slice(0, page.pageSize);
  const last = items[items.length - 1];
  return {
    items,
    pagination: last === undefined ? {} : { nextToken: codec.encode(page.list, keysetOf(last)) },
  };
}
