// Global setup of the `postgres` Vitest project: the server named by TEST_DATABASE_URL, else a
// throw-away local cluster; plus one migrated template database the tests clone.
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { postgresUrlFor, startPostgresCluster } from './postgres-cluster.ts';
import type {} from './test-database.ts';

export default async function setup(project: TestProject) {
  const cluster = process.env.TEST_DATABASE_URL ? undefined : await startPostgresCluster();
  const url = process.env.TEST_DATABASE_URL ?? cluster?.url ?? '';
  // Unique per run, so runs sharing one TEST_DATABASE_URL do not trip over each other.
  const template = `scim_admin_template_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  const database = openDatabase({ kind: 'postgres', url: postgresUrlFor(url, template) });
  await migrate(database);
  await database.close();
  project.provide('postgresUrl', url);
  project.provide('postgresTemplate', template);
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.end();
    cluster?.stop();
  };
}
