// Every repository over one connection; statements are prepared once here and reused.
import type { Db } from '../db/database.ts';
import { createAccessTokenRepository } from './access-token-repository.ts';
import { createOrganizationRepository } from './organization-repository.ts';
import { createScimConfigurationRepository } from './scim-configuration-repository.ts';
import { createSettingsRepository } from './settings-repository.ts';
import { createSsoConfigurationRepository } from './sso-configuration-repository.ts';
import { createUserRepository } from './user-repository.ts';

export function createRepositories(db: Db) {
  return {
    db,
    organizations: createOrganizationRepository(db),
    users: createUserRepository(db),
    accessTokens: createAccessTokenRepository(db),
    ssoConfigurations: createSsoConfigurationRepository(db),
    scimConfigurations: createScimConfigurationRepository(db),
    settings: createSettingsRepository(db),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;

/** Runs `work` in one IMMEDIATE transaction (the write lock is taken up front, no upgrade deadlock). */
export function inTransaction<T>(db: Db, work: () => T): T {
  return db.transaction(work).immediate();
}
