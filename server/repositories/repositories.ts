// Every repository over one database, and the transaction helper services use. A repository is
// built over a Kysely executor (the database, or a transaction of it), so the same queries run
// inside and outside transactions, on SQLite and PostgreSQL alike.
import type { Kysely } from 'kysely';
import type { Database, DatabaseKind } from '../db/database.ts';
import type { Schema } from '../db/schema.ts';
import { createAccessTokenRepository } from './access-token-repository.ts';
import { createOrganizationRepository } from './organization-repository.ts';
import { createScimConfigurationActivityRepository } from './scim-configuration-activity-repository.ts';
import { createScimConfigurationRepository } from './scim-configuration-repository.ts';
import { createScimGroupMemberRepository } from './scim-group-member-repository.ts';
import { createScimGroupRepository } from './scim-group-repository.ts';
import { createScimRequestCountRepository } from './scim-request-count-repository.ts';
import { createScimUserRepository } from './scim-user-repository.ts';
import { createSettingsRepository } from './settings-repository.ts';
import { createSsoConfigurationRepository } from './sso-configuration-repository.ts';
import { createUserRepository } from './user-repository.ts';

/** What every repository is built over: a query executor and the dialect it speaks. */
export interface Executor {
  db: Kysely<Schema>;
  kind: DatabaseKind;
}

function repositoriesOver(executor: Executor) {
  return {
    organizations: createOrganizationRepository(executor),
    users: createUserRepository(executor),
    accessTokens: createAccessTokenRepository(executor),
    ssoConfigurations: createSsoConfigurationRepository(executor),
    scimConfigurations: createScimConfigurationRepository(executor),
    settings: createSettingsRepository(executor),
    scimUsers: createScimUserRepository(executor),
    scimGroups: createScimGroupRepository(executor),
    scimGroupMembers: createScimGroupMemberRepository(executor),
    scimRequestCounts: createScimRequestCountRepository(executor),
    scimConfigurationActivity: createScimConfigurationActivityRepository(executor),
  };
}
export type Repositories = ReturnType<typeof repositoriesOver>;

/**
 * Runs `work` in one transaction with repositories bound to it: committed when it resolves,
 * rolled back when it throws. Rows a transaction reads with a repository's `…ForUpdate` method
 * stay locked until it ends, so concurrent writers of one row (in any instance) take turns.
 */
export type Transact = <T>(work: (repos: Repositories) => Promise<T>) => Promise<T>;

export interface Storage {
  repos: Repositories;
  transaction: Transact;
}

export function createStorage(database: Database): Storage {
  const { kind } = database;
  return {
    repos: repositoriesOver({ db: database.db, kind }),
    transaction: (work) =>
      database.db.transaction().execute((trx) => work(repositoriesOver({ db: trx, kind }))),
  };
}
