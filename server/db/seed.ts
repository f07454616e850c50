// First-start data: the demo organizations, or the organizations of SEED_FILE (tests, benchmarks).
import { readFileSync } from 'node:fs';
import * as z from 'zod/mini';
import { DEFAULT_TOKEN_LIFETIME_SECONDS, SECONDS_PER_DAY } from '../../contracts/duration.ts';

const DAY_MS = SECONDS_PER_DAY * 1000;

import { ssoConfigurationStates } from '../../contracts/sso-configurations.ts';
import { uuidv7 } from '../ids.ts';
import type { Repositories, Storage } from '../repositories/repositories.ts';
import type { NewScimConfiguration } from '../repositories/scim-configuration-repository.ts';
import { hashToken, newPersonalAccessToken, newScimToken } from '../security/tokens.ts';

export const seedSpecSchema = z.strictObject({
  organizations: z.array(
    z.strictObject({
      name: z.string().check(z.minLength(1)),
      ssoConfigurations: z.optional(
        z.array(
          z.strictObject({
            displayName: z.optional(z.string()),
            issuerUrl: z.string().check(z.minLength(1)),
            clientId: z.optional(z.string()),
            emailDomains: z.optional(z.array(z.string())),
            state: z.optional(z.enum(ssoConfigurationStates)),
          }),
        ),
      ),
      members: z.optional(
        z.array(
          z.strictObject({
            name: z.string(),
            email: z.string(),
            role: z.optional(z.enum(['ORGANIZATION_ROLE_ADMIN', 'ORGANIZATION_ROLE_MEMBER'])),
            /** A personal access token to accept for this member (stored as its hash only). */
            token: z.optional(z.string().check(z.minLength(1))),
            /** RFC 3339; absent = never expires. */
            tokenExpiresAt: z.optional(z.iso.datetime()),
          }),
        ),
      ),
      scimConfigurations: z.optional(
        z.strictObject({
          count: z.int().check(z.minimum(0), z.maximum(1_000_000)),
          /** The first `expired` of them have a token that expired (1, 2, 3… days ago). */
          expired: z.optional(z.int().check(z.minimum(0))),
          /** The next `expiringSoon` have a token that expires within the next 10 days. */
          expiringSoon: z.optional(z.int().check(z.minimum(0))),
        }),
      ),
    }),
  ),
});
export type SeedSpec = z.infer<typeof seedSpecSchema>;

export interface SeededOrganization {
  id: string;
  name: string;
  memberIds: string[];
  ssoConfigurationIds: string[];
}

export class SeedError extends Error {
  override readonly name = 'SeedError';
}

export function readSeedFile(path: string): SeedSpec {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new SeedError(
      `SEED_FILE ${path} is not readable JSON: ${error instanceof Error ? error.message : error}`,
    );
  }
  const result = seedSpecSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new SeedError(
      `SEED_FILE ${path} is invalid at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
    );
  }
  return result.data;
}

/**
 * Inserts the organizations in one transaction. Rows get createdAt values 1 ms apart, in file
 * order and in the past, so list order is deterministic and later creations sort after them.
 */
export function seedOrganizations(
  storage: Storage,
  spec: SeedSpec,
  now: Date = new Date(),
): Promise<SeededOrganization[]> {
  return storage.transaction((repos) => insertOrganizations(repos, spec, now));
}

async function insertOrganizations(
  repos: Repositories,
  spec: SeedSpec,
  now: Date,
): Promise<SeededOrganization[]> {
  const rowCount = spec.organizations.reduce(
    (sum, org) =>
      sum +
      1 +
      (org.ssoConfigurations?.length ?? 0) +
      (org.members?.length ?? 0) +
      (org.scimConfigurations?.count ?? 0),
    0,
  );
  let clock = now.getTime() - rowCount;
  const tick = () => {
    clock += 1;
    return clock;
  };
  {
    const seeded: SeededOrganization[] = [];
    for (const org of spec.organizations) {
      const orgTime = tick();
      const organizationId = uuidv7(orgTime);
      await repos.organizations.insert({
        id: organizationId,
        name: org.name,
        createdAt: new Date(orgTime).toISOString(),
      });
      const ssoConfigurationIds: string[] = [];
      for (const sso of org.ssoConfigurations ?? []) {
        const time = tick();
        const id = uuidv7(time);
        await repos.ssoConfigurations.insert({
          id,
          organizationId,
          displayName: sso.displayName ?? '',
          issuerUrl: sso.issuerUrl,
          clientId: sso.clientId ?? '',
          state: sso.state ?? 'SSO_CONFIGURATION_STATE_ACTIVE',
          providerType: 'PROVIDER_TYPE_CUSTOM',
          emailDomains: sso.emailDomains ?? [],
          createdAt: new Date(time).toISOString(),
        });
        ssoConfigurationIds.push(id);
      }
      const memberIds: string[] = [];
      for (const member of org.members ?? []) {
        const time = tick();
        const id = uuidv7(time);
        const createdAt = new Date(time).toISOString();
        await repos.users.insert({
          id,
          organizationId,
          name: member.name,
          email: member.email,
          role: member.role ?? 'ORGANIZATION_ROLE_MEMBER',
          createdAt,
        });
        if (member.token) {
          await repos.accessTokens.insert({
            tokenHash: hashToken(member.token),
            userId: id,
            expiresAt: member.tokenExpiresAt
              ? new Date(member.tokenExpiresAt).toISOString()
              : undefined,
            createdAt,
          });
        }
        memberIds.push(id);
      }
      const count = org.scimConfigurations?.count ?? 0;
      const expired = org.scimConfigurations?.expired ?? 0;
      const expiringSoon = org.scimConfigurations?.expiringSoon ?? 0;
      const width = String(count).length;
      const configurations: NewScimConfiguration[] = [];
      const tokenExpiry = (index: number, time: number) => {
        if (index < expired) return now.getTime() - (index + 1) * DAY_MS;
        if (index < expired + expiringSoon) return now.getTime() + (index - expired + 1) * DAY_MS;
        return time + DEFAULT_TOKEN_LIFETIME_SECONDS * 1000;
      };
      for (let index = 0; index < count; index++) {
        const time = tick();
        const createdAt = new Date(time).toISOString();
        configurations.push({
          id: uuidv7(time),
          organizationId,
          name: `SCIM configuration ${String(index + 1).padStart(width, '0')}`,
          enabled: true,
          ssoConfigurationId: ssoConfigurationIds[0],
          // Nobody ever sees these tokens: each row gets the digest of a fresh random one.
          tokenHash: hashToken(newScimToken()),
          tokenLifetimeSeconds: DEFAULT_TOKEN_LIFETIME_SECONDS,
          tokenExpiresAt: new Date(tokenExpiry(index, time)).toISOString(),
          allowUnverifiedEmailAccountLinking: false,
          createdAt,
          updatedAt: createdAt,
        });
      }
      await repos.scimConfigurations.insert(...configurations);
      seeded.push({ id: organizationId, name: org.name, memberIds, ssoConfigurationIds });
    }
    return seeded;
  }
}

export const DEMO_ORGANIZATION = 'Acme Corp';

/** The demo's SCIM configurations in Acme Corp: which active SSO each links to, and its state. */
const DEMO_SCIM_CONFIGURATIONS = [
  {
    name: 'Okta production',
    enabled: true,
    activeSsoIndex: 0,
    tokenLifetimeSeconds: DEFAULT_TOKEN_LIFETIME_SECONDS,
  },
  {
    name: 'Entra ID staging',
    enabled: false,
    activeSsoIndex: 1,
    // Close to expiry, so the console's expiry warning shows on a fresh start.
    tokenLifetimeSeconds: 10 * SECONDS_PER_DAY,
  },
] as const;

/**
 * The demo: returns the admin's personal access token, the one secret ever printed. Acme Corp
 * also gets two SCIM configurations, so the list is populated and the README's calls have a real
 * id to use. Their tokens are random and never shown: an admin rotates one to get a usable token.
 */
async function insertDemo(repos: Repositories, now: Date): Promise<{ adminToken: string }> {
  const adminToken = newPersonalAccessToken();
  // The organizations take the milliseconds before `now`; the configurations come right after.
  const configurationsTime = now.getTime() - DEMO_SCIM_CONFIGURATIONS.length;
  const [acme] = await insertOrganizations(
    repos,
    demoOrganizations(adminToken),
    new Date(configurationsTime),
  );
  if (!acme) throw new Error('the demo seed created no organization');
  // seedOrganizations kept the spec's order: the first two SSO configurations are the active ones.
  const activeSso = acme.ssoConfigurationIds.slice(0, 2);
  await repos.scimConfigurations.insert(
    ...DEMO_SCIM_CONFIGURATIONS.map((demo, index) => {
      const time = configurationsTime + index + 1;
      const createdAt = new Date(time).toISOString();
      return {
        id: uuidv7(time),
        organizationId: acme.id,
        name: demo.name,
        enabled: demo.enabled,
        ssoConfigurationId: activeSso[demo.activeSsoIndex],
        tokenHash: hashToken(newScimToken()),
        tokenLifetimeSeconds: demo.tokenLifetimeSeconds,
        tokenExpiresAt: new Date(time + demo.tokenLifetimeSeconds * 1000).toISOString(),
        allowUnverifiedEmailAccountLinking: false,
        createdAt,
        updatedAt: createdAt,
      };
    }),
  );
  return { adminToken };
}

function demoOrganizations(adminToken: string): SeedSpec {
  return {
    organizations: [
      {
        name: DEMO_ORGANIZATION,
        ssoConfigurations: [
          {
            displayName: 'Okta Workforce',
            issuerUrl: 'https://acme.okta.com',
            state: 'SSO_CONFIGURATION_STATE_ACTIVE',
          },
          {
            displayName: 'Microsoft Entra ID',
            issuerUrl: 'https://login.microsoftonline.com/acme/v2.0',
            state: 'SSO_CONFIGURATION_STATE_ACTIVE',
          },
          // No display name: the UI falls back to the issuer URL.
          { issuerUrl: 'https://accounts.google.com', state: 'SSO_CONFIGURATION_STATE_INACTIVE' },
        ],
        members: [
          {
            name: 'Ada Admin',
            email: 'ada@acme.example',
            role: 'ORGANIZATION_ROLE_ADMIN',
            token: adminToken,
          },
          {
            name: 'Max Member',
            email: 'max@acme.example',
            role: 'ORGANIZATION_ROLE_MEMBER',
            token: newPersonalAccessToken(),
          },
        ],
      },
      {
        name: 'Globex',
        ssoConfigurations: [
          {
            displayName: 'Globex Okta',
            issuerUrl: 'https://globex.okta.com',
            state: 'SSO_CONFIGURATION_STATE_ACTIVE',
          },
        ],
        members: [
          {
            name: 'Hank Scorpio',
            email: 'hank@globex.example',
            role: 'ORGANIZATION_ROLE_ADMIN',
            token: newPersonalAccessToken(),
          },
        ],
      },
    ],
  };
}

export type SeedOutcome =
  | { kind: 'existing' }
  | { kind: 'demo'; adminToken: string }
  | { kind: 'file'; organizations: SeededOrganization[] };

const SEEDED_KEY = 'seeded_at';

/**
 * Seeds only an empty database (no organization yet), in one transaction. Instances starting
 * together on one empty database seed once: each claims the `seeded_at` setting first, and the
 * unique key makes the second wait for the first and then find the claim taken.
 */
export function seedIfEmpty(
  storage: Storage,
  options: { seedFile: string | undefined; now?: Date },
): Promise<SeedOutcome> {
  const now = options.now ?? new Date();
  // Read before the transaction: a bad file fails start-up without touching the database.
  const spec = options.seedFile ? readSeedFile(options.seedFile) : undefined;
  return storage.transaction(async (repos): Promise<SeedOutcome> => {
    if ((await repos.organizations.count()) > 0) return { kind: 'existing' };
    if (!(await repos.settings.claim(SEEDED_KEY, now.toISOString()))) return { kind: 'existing' };
    if (spec) return { kind: 'file', organizations: await insertOrganizations(repos, spec, now) };
    return { kind: 'demo', ...(await insertDemo(repos, now)) };
  });
}
