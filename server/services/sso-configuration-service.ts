import { ConnectError } from '../../contracts/connect.ts';
import { procedures } from '../../contracts/procedures.ts';
import type {
  GetSsoConfigurationRequest,
  ListSsoConfigurationsRequest,
  SsoConfiguration,
} from '../../contracts/sso-configurations.ts';
import type { SsoConfigurationRecord } from '../repositories/sso-configuration-repository.ts';
import { finishPage, resolvePage } from './pagination.ts';
import type { Caller } from './service-context.ts';
import { requireOwnOrganization, type ServiceContext } from './service-context.ts';

type SsoConfigurationMessage = Omit<SsoConfiguration, 'claims' | 'additionalScopes'>;

function toMessage(record: SsoConfigurationRecord): SsoConfigurationMessage {
  return {
    id: record.id,
    organizationId: record.organizationId,
    clientId: record.clientId,
    issuerUrl: record.issuerUrl,
    state: record.state,
    providerType: record.providerType,
    emailDomain: record.emailDomains[0] ?? '',
    emailDomains: record.emailDomains,
    displayName: record.displayName,
    claimsExpression: '',
  };
}

// Members may read SSO configurations: the SCIM form's picker needs them, and no secret is exposed.
export async function listSsoConfigurations(
  ctx: ServiceContext,
  caller: Caller,
  input: ListSsoConfigurationsRequest,
): Promise<{ ssoConfigurations: SsoConfigurationMessage[]; pagination: { nextToken?: string } }> {
  requireOwnOrganization(caller, input.organizationId);
  const codec = await ctx.pageTokens();
  const page = resolvePage(codec, procedures.listSsoConfigurations, caller, input.pagination);
  const rows = await ctx.repos.ssoConfigurations.page(caller.organizationId, page.query);
  const { items, pagination } = finishPage(codec, page, rows);
  return { ssoConfigurations: items.map(toMessage), pagination };
}

export async function getSsoConfiguration(
  ctx: ServiceContext,
  caller: Caller,
  input: GetSsoConfigurationRequest,
): Promise<{ ssoConfiguration: SsoConfigurationMessage }> {
  const record = await ctx.repos.ssoConfigurations.findInOrganization(
    caller.organizationId,
    input.ssoConfigurationId,
  );
  if (!record) {
    throw new ConnectError('not_found', `SSO configuration ${input.ssoConfigurationId} not found`);
  }
  return { ssoConfiguration: toMessage(record) };
}
