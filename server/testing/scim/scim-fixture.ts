// Two organizations, each with a SCIM configuration, and the endpoint on a controllable clock,
// on the test project's database (SQLite, or PostgreSQL in the `postgres` project).
import { Hono } from 'hono';
import { type RawBuilder, sql } from 'kysely';
import { createStorage, type Storage } from '../../repositories/repositories.ts';
import { createScimV2App } from '../../routes/scim/scim-app.ts';
import { columnValues, createTestDatabase } from '../test-database.ts';
import { type SeededConfiguration, seedConfiguration, seedOrganization, T0 } from './scim-seed.ts';
import { type ScimClient, scimClient } from './scim-test-client.ts';

export const ORIGIN = 'http://scim.test';

export async function scimFixture() {
  const test = await createTestDatabase();
  const { database } = test;
  const storage = createStorage(database);
  const { repos } = storage;
  let current = new Date(T0);
  const app = createScimV2App({ storage, now: () => current });
  // Mounted the way the product mounts it, so locations carry the /scim/v2 prefix.
  const server = new Hono().route('/scim/v2', app);
  const orgA = await seedOrganization(repos, 'Acme');
  const orgB = await seedOrganization(repos, 'Globex');
  const configA = await seedConfiguration(repos, orgA);
  const configB = await seedConfiguration(repos, orgB);
  const client = (token: string | undefined): ScimClient =>
    scimClient(server, token, `${ORIGIN}/scim/v2`);
  return {
    database,
    storage,
    repos,
    app,
    server,
    orgA,
    orgB,
    configA,
    configB,
    /** The identity provider of organization A. */
    a: client(configA.token),
    /** The identity provider of organization B. */
    b: client(configB.token),
    client,
    configuration: (
      organizationId: string,
      options?: Parameters<typeof seedConfiguration>[2],
    ): Promise<SeededConfiguration> => seedConfiguration(repos, organizationId, options),
    /** The first column of the first row a query returns (tests that look at stored rows). */
    async value(query: RawBuilder<unknown>): Promise<unknown> {
      return (await columnValues(database, query))[0];
    },
    /** Bytes the activity counters take (SQLite: the whole file, after a checkpoint). */
    async storageBytes(): Promise<number> {
      if (database.kind === 'postgres') {
        return Number(await this.value(sql`SELECT pg_total_relation_size('scim_request_counts')`));
      }
      await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(database.db);
      return Number(
        await this.value(
          sql`SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()`,
        ),
      );
    },
    /** Storage on this database that cannot write (a full disk, a read-only file or server). */
    async readOnly(): Promise<{ storage: Storage; restore(): Promise<void> }> {
      if (database.kind === 'sqlite') {
        await sql`PRAGMA query_only = ON`.execute(database.db);
        return {
          storage,
          restore: async () => void (await sql`PRAGMA query_only = OFF`.execute(database.db)),
        };
      }
      // New sessions start read-only; those already open (this fixture's pool) stay writable.
      const name = String(await this.value(sql`SELECT current_database()`));
      await sql`ALTER DATABASE ${sql.id(name)} SET default_transaction_read_only = on`.execute(
        database.db,
      );
      const other = test.openAnother();
      return {
        storage: createStorage(other),
        async restore() {
          await other.close();
          await sql`ALTER DATABASE ${sql.id(name)} RESET default_transaction_read_only`.execute(
            database.db,
          );
        },
      };
    },
    now: () => current,
    advance(ms: number) {
      current = new Date(current.getTime() + ms);
    },
    close: () => test.close(),
  };
}

export type ScimFixture = Awaited<ReturnType<typeof scimFixture>>;
