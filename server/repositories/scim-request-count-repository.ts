// scim_request_counts: SCIM requests per configuration, outcome and time bucket, so activity
// storage grows with configurations and time, never with the number of requests.
import { sql } from 'kysely';
import type { ScimRequestCountsTable } from '../db/schema.ts';
import type { Executor } from './repositories.ts';

export type RequestOutcome = ScimRequestCountsTable['outcome'];

export interface RequestTotals {
  authenticated: number;
  expired_token: number;
  provisioning_disabled: number;
  rotated_token: number;
}

export function createScimRequestCountRepository({ db }: Executor) {
  return {
    /** Adds one request to its configuration's counter for the bucket starting at `bucketStart`. */
    async add(
      configurationId: string,
      outcome: RequestOutcome,
      bucketStart: string,
    ): Promise<void> {
      await db
        .insertInto('scim_request_counts')
        .values({
          scim_configuration_id: configurationId,
          outcome,
          bucket_start: bucketStart,
          requests: 1,
        })
        .onConflict((conflict) =>
          conflict
            .columns(['scim_configuration_id', 'outcome', 'bucket_start'])
            .doUpdateSet({ requests: sql`scim_request_counts.requests + 1` }),
        )
        .execute();
    },
    async pruneBefore(bucketStart: string): Promise<void> {
      await db.deleteFrom('scim_request_counts').where('bucket_start', '<', bucketStart).execute();
    },
    /** Requests per outcome of each configuration in buckets from `since` on, by configuration id. */
    async totalsSince(
      configurationIds: readonly string[],
      since: string,
    ): Promise<Map<string, RequestTotals>> {
      const totals = new Map<string, RequestTotals>();
      if (configurationIds.length === 0) return totals;
      const rows = await db
        .selectFrom('scim_request_counts')
        .select((eb) => [
          'scim_configuration_id',
          'outcome',
          eb.fn.sum<number>('requests').as('requests'),
        ])
        .where('scim_configuration_id', 'in', configurationIds)
        .where('bucket_start', '>=', since)
        .groupBy(['scim_configuration_id', 'outcome'])
        .execute();
      for (const row of rows) {
        const entry = totals.get(row.scim_configuration_id) ?? {
          authenticated: 0,
          expired_token: 0,
          provisioning_disabled: 0,
          rotated_token: 0,
        };
        entry[row.outcome] = Number(row.requests);
        totals.set(row.scim_configuration_id, entry);
      }
      return totals;
    },
  };
}
export type ScimRequestCountRepository = ReturnType<typeof createScimRequestCountRepository>;
