// SCIM configuration rules (../shared/docs/api-contract.md section 9).

import type * as z from 'zod/mini';
import { ConnectError } from '../../contracts/connect.ts';
import { DEFAULT_TOKEN_LIFETIME_SECONDS, parseDurationSeconds } from '../../contracts/duration.ts';
import { procedures } from '../../contracts/procedures.ts';
import type {
  CreateScimConfigurationRequest,
  CreateScimConfigurationResponse,
  GetScimConfigurationRequest,
  ListScimConfigurationsRequest,
  listScimConfigurationsResponseSchema,
  RegenerateScimTokenRequest,
  ScimConfiguration,
  UpdateScimConfigurationRequest,
} from '../../contracts/scim-configurations.ts';
import { ssoConfigurationLabel } from '../../contracts/sso-configurations.ts';
import { EncodedList } from '../encoded-list.ts';
import { uuidv7 } from '../ids.ts';
import type { Repositories } from '../repositories/repositories.ts';
import { keysetOfScimConfigurationJson } from '../repositories/scim-configuration-json.ts';
import type { ScimConfigurationRecord } from '../repositories/scim-configuration-repository.ts';
import { hashToken, newScimToken } from '../security/tokens.ts';
import { finishPageBy, resolvePage } from './pagination.ts';
import type { Caller } from './service-context.ts';
import { requireAdmin, requireOwnOrganization, type ServiceContext } from './service-context.ts';

const MANAGE = 'manage SCIM configurations';

export function toScimConfigurationMessage(record: ScimConfigurationRecord): ScimConfiguration {
  return {
    id: record.id,
    organizationId: record.organizationId,
    name: record.name,
    enabled: record.enabled,
    ssoConfigurationId: record.ssoConfigurationId ?? '',
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    tokenExpiresAt: record.tokenExpiresAt,
    allowUnverifiedEmailAccountLinking: record.allowUnverifiedEmailAccountLinking,
  };
}

function notFound(id: string): ConnectError {
  return new ConnectError('not_found', `SCIM configuration ${id} not found`);
}

/** Whole seconds of a validated Duration string (the contract already enforced 1 day..2 years). */
function lifetimeSeconds(duration: string | undefined): number | undefined {
  if (duration === undefined) return undefined;
  const seconds = parseDurationSeconds(duration);
  return seconds === undefined ? undefined : Math.round(seconds);
}

function addSeconds(date: Date, seconds: number): string {
  return new Date(date.getTime() + seconds * 1000).toISOString();
}

/** How far ahead of the wall clock `nextUpdatedAt` may run to keep writes in order. */
export const MAX_UPDATED_AT_LEAD_MS = 1000;

/**
 * updatedAt moves forward on every write, even for two writes within one millisecond, but never
 * more than MAX_UPDATED_AT_LEAD_MS ahead of the clock: past that (over 1,000 writes a second on
 * one configuration) writes share a timestamp, so updatedAt never goes back and never drifts.
 */
export function nextUpdatedAt(now: Date, previous: string): string {
  const previousMs = Date.parse(previous);
  const ceiling = Math.max(now.getTime() + MAX_UPDATED_AT_LEAD_MS, previousMs);
  return new Date(Math.min(Math.max(now.getTime(), previousMs + 1), ceiling)).toISOString();
}

async function requireLinkableSso(
  repos: Repositories,
  organizationId: string,
  id: string,
): Promise<void> {
  const sso = await repos.ssoConfigurations.findInOrganization(organizationId, id);
  if (!sso) throw new ConnectError('not_found', `SSO configuration ${id} not found`);
  if (sso.state !== 'SSO_CONFIGURATION_STATE_ACTIVE') {
    throw new ConnectError(
      'failed_precondition',
      `SSO configuration "${ssoConfigurationLabel(sso)}" is not active: activate it before linking SCIM provisioning to it`,
    );
  }
}

export async function createScimConfiguration(
  ctx: ServiceContext,
  caller: Caller,
  input: CreateScimConfigurationRequest,
): Promise<CreateScimConfigurationResponse> {
  requireAdmin(caller, MANAGE);
  requireOwnOrganization(caller, input.organizationId);
  const { ssoConfigurationId } = input;
  await requireLinkableSso(ctx.repos, caller.organizationId, ssoConfigurationId);
  const now = ctx.now();
  const lifetime = lifetimeSeconds(input.tokenExpiresIn) ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
  const token = newScimToken();
  const createdAt = now.toISOString();
  const record: ScimConfigurationRecord = {
    id: uuidv7(now.getTime()),
    organizationId: caller.organizationId,
    name: input.name ?? '',
    enabled: true,
    ssoConfigurationId,
    tokenLifetimeSeconds: lifetime,
    tokenExpiresAt: addSeconds(now, lifetime),
    allowUnverifiedEmailAccountLinking: input.allowUnverifiedEmailAccountLinking ?? false,
    createdAt,
    updatedAt: createdAt,
  };
  await ctx.repos.scimConfigurations.insert({ ...record, tokenHash: hashToken(token) });
  return {
    scimConfiguration: toScimConfigurationMessage(record),
    token,
    tokenExpiresAt: record.tokenExpiresAt,
  };
}

export async function getScimConfiguration(
  ctx: ServiceContext,
  caller: Caller,
  input: GetScimConfigurationRequest,
): Promise<{ scimConfiguration: ScimConfiguration }> {
  requireAdmin(caller, MANAGE);
  const record = await ctx.repos.scimConfigurations.findInOrganization(
    caller.organizationId,
    input.scimConfigurationId,
  );
  if (!record) throw notFound(input.scimConfigurationId);
  return { scimConfiguration: toScimConfigurationMessage(record) };
}

export async function listScimConfigurations(
  ctx: ServiceContext,
  caller: Caller,
  input: ListScimConfigurationsRequest,
): Promise<EncodedList<z.input<typeof listScimConfigurationsResponseSchema>>> {
  requireAdmin(caller, MANAGE);
  const codec = await ctx.pageTokens();
  const page = resolvePage(codec, procedures.listScimConfigurations, caller, input.pagination);
  // The hot path of the console: rows come out of the database as message JSON (no objects per row).
  const rows = await ctx.repos.scimConfigurations.pageJson(caller.organizationId, page.query);
  const { items, pagination } = finishPageBy(codec, page, rows, keysetOfScimConfigurationJson);
  return new EncodedList('scimConfigurations', items, pagination);
}

export async function updateScimConfiguration(
  ctx: ServiceContext,
  caller: Caller,
  input: UpdateScimConfigurationRequest,
): Promise<{ scimConfiguration: ScimConfiguration }> {
  requireAdmin(caller, MANAGE);
  const { scimConfigurationId: id, ssoConfigurationId } = input;
  // The row stays locked from the read to the write: updatedAt moves forward across instances.
  return ctx.transaction(async (repos) => {
    const current = await repos.scimConfigurations.findInOrganizationForUpdate(
      caller.organizationId,
      id,
    );
    if (!current) throw notFound(input.scimConfigurationId);
    if (ssoConfigurationId !== undefined) {
      await requireLinkableSso(repos, caller.organizationId, ssoConfigurationId);
    }
    const updated = await repos.scimConfigurations.update(
      caller.organizationId,
      id,
      {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.enabled !== undefined && { enabled: input.enabled }),
        ...(ssoConfigurationId !== undefined && { ssoConfigurationId }),
        ...(input.allowUnverifiedEmailAccountLinking !== undefined && {
          allowUnverifiedEmailAccountLinking: input.allowUnverifiedEmailAccountLinking,
        }),
      },
      nextUpdatedAt(ctx.now(), current.updatedAt),
    );
    if (!updated) throw notFound(input.scimConfigurationId);
    return { scimConfiguration: toScimConfigurationMessage(updated) };
  });
}

export async function deleteScimConfiguration(
  ctx: ServiceContext,
  caller: Caller,
  input: GetScimConfigurationRequest,
): Promise<Record<string, never>> {
  requireAdmin(caller, MANAGE);
  const deleted = await ctx.repos.scimConfigurations.delete(
    caller.organizationId,
    input.scimConfigurationId,
  );
  if (!deleted) throw notFound(input.scimConfigurationId);
  return {};
}

export async function regenerateScimToken(
  ctx: ServiceContext,
  caller: Caller,
  input: RegenerateScimTokenRequest,
): Promise<{ token: string; tokenExpiresAt: string }> {
  requireAdmin(caller, MANAGE);
  const id = input.scimConfigurationId;
  // One transaction: the old digest is replaced by the new one, so the old token is dead at commit.
  // The row is locked from the read on, so concurrent rotations (in any instance) run one after
  // the other and the last one's token is the one that works.
  return ctx.transaction(async (repos) => {
    const current = await repos.scimConfigurations.findInOrganizationForUpdate(
      caller.organizationId,
      id,
    );
    if (!current) throw notFound(input.scimConfigurationId);
    // The lifetime counts from the rotation's recorded time, so expiry - updatedAt is exact.
    const updatedAt = nextUpdatedAt(ctx.now(), current.updatedAt);
    const lifetime = lifetimeSeconds(input.tokenExpiresIn) ?? current.tokenLifetimeSeconds;
    const token = newScimToken();
    const updated = await repos.scimConfigurations.replaceToken(caller.organizationId, id, {
      tokenHash: hashToken(token),
      lifetimeSeconds: lifetime,
      expiresAt: addSeconds(new Date(updatedAt), lifetime),
      updatedAt,
    });
    if (!updated) throw notFound(input.scimConfigurationId);
    return { token, tokenExpiresAt: updated.tokenExpiresAt };
  });
}
