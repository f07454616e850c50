// scim_configuration_activity: when each configuration's token last authenticated a request
// (kept apart from the counters, which are pruned, for the idle warning).
import { sql } from 'kysely';
import { dialectSql } from './dialect-sql.ts';
import type { Executor } from './repositories.ts';

export function createScimConfigurationActivityRepository({ db, kind }: Executor) {
  const dialect = dialectSql(kind);
  return {
    /** Moves the last request time forward to `at` (never back: instances race). */
    async recordRequest(configurationId: string, at: string): Promise<void> {
      await db
        .insertInto('scim_configuration_activity')
        .values({ scim_configuration_id: configurationId, last_request_at: at })
        .onConflict((conflict) =>
          conflict.column('scim_configuration_id').doUpdateSet({
            last_request_at: dialect.greatest(
              sql.ref('scim_configuration_activity.last_request_at'),
              sql.ref('excluded.last_request_at'),
            ),
          }),
        )
        .execute();
    },
    /** The last request time of each configuration that had one, by configuration id. */
    async lastRequests(configurationIds: readonly string[]): Promise<Map<string, string>> {
      if (configurationIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('scim_configuration_activity')
        .select(['scim_configuration_id', 'last_request_at'])
        .where('scim_configuration_id', 'in', configurationIds)
        .execute();
      return new Map(rows.map((row) => [row.scim_configuration_id, row.last_request_at]));
    },
  };
}
export type ScimConfigurationActivityRepository = ReturnType<
  typeof createScimConfigurationActivityRepository
>;
