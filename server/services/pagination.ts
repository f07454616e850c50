// Resolves a list request's page (token + size) and builds the response's pagination.
import { effectivePageSize, type PaginationRequest } from '../../contracts/pagination.ts';
import type { Keyset, PageQuery } from '../repositories/keyset.ts';
import type { PageTokenCodec } from './page-tokens.ts';
import type { Caller } from './service-context.ts';

export interface PageRequest {
  /** Identifies the list (procedure + organization) a page token belongs to. */
  list: string;
  pageSize: number;
  query: PageQuery;
}

/**
 * The page a list request asks for: its token (the edge already merged the Stainless SDKs' query
 * parameters into `pagination`), and its size, 25 when absent or 0. A token belongs to the list
 * it was minted for, the procedure and the caller's organization: every other list refuses it.
 */
export function resolvePage(
  codec: PageTokenCodec,
  procedure: { path: string },
  caller: Caller,
  pagination: PaginationRequest | undefined,
): PageRequest {
  const list = `${procedure.path}|${caller.organizationId}`;
  const pageSize = effectivePageSize(pagination?.pageSize);
  const after = pagination?.token ? codec.decode(list, pagination.token) : undefined;
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
