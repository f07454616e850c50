// Two organizations, each with a SCIM configuration, and the endpoint on a controllable clock.
import { Hono } from 'hono';
import { createScimV2App } from '../scim-app.ts';
import { type ScimClient, scimClient } from './scim-test-client.ts';
import {
  openTestDatabase,
  type SeededConfiguration,
  seedConfiguration,
  seedOrganization,
  T0,
} from './scim-test-database.ts';

export const ORIGIN = 'http://scim.test';

export function scimFixture() {
  const database = openTestDatabase();
  const { db } = database;
  let current = new Date(T0);
  const app = createScimV2App({ db, now: () => current });
  // Mounted the way the product mounts it, so locations carry the /scim/v2 prefix.
  const server = new Hono().route('/scim/v2', app);
  const orgA = seedOrganization(db, 'Acme');
  const orgB = seedOrganization(db, 'Globex');
  const configA = seedConfiguration(db, orgA);
  const configB = seedConfiguration(db, orgB);
  const client = (token: string | undefined): ScimClient =>
    scimClient(server, token, `${ORIGIN}/scim/v2`);
  return {
    db,
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
    ): SeededConfiguration => seedConfiguration(db, organizationId, options),
    now: () => current,
    advance(ms: number) {
      current = new Date(current.getTime() + ms);
    },
    close: database.close,
  };
}

export type ScimFixture = ReturnType<typeof scimFixture>;
