// Which identity provider calls a configuration: the admin's choice in the setup kit (remembered per
// configuration in localStorage; it is not a secret), else a guess from the linked SSO issuer URL.
// Small on purpose: the list's activity wording uses it, the setup kit's content loads on demand.

export const identityProviders = [
  'okta',
  'entra',
  'onelogin',
  'jumpcloud',
  'google',
  'other',
] as const;
export type IdentityProviderId = (typeof identityProviders)[number];

export const identityProviderNames: Record<IdentityProviderId, string> = {
  okta: 'Okta',
  entra: 'Microsoft Entra ID',
  onelogin: 'OneLogin',
  jumpcloud: 'JumpCloud',
  google: 'Google Workspace',
  other: 'Other SCIM 2.0 client',
};

/** Where each provider's own test button is, for warnings that say "it has never called". */
export const identityProviderTestHints: Record<IdentityProviderId, string> = {
  okta: 'In Okta, click Test Connector Configuration on the Provisioning tab.',
  entra:
    'In Microsoft Entra ID, click Test Connection under Provisioning, then start provisioning.',
  onelogin: 'In OneLogin, click Enable under API Connection on the Configuration tab.',
  jumpcloud: 'In JumpCloud, click Test Connection on the Identity Management tab, then Activate.',
  google: 'In Google Workspace, finish the auto-provisioning setup and turn auto-provisioning on.',
  other: 'Check the SCIM base URL and the token in your SCIM client.',
};

export function isIdentityProviderId(value: unknown): value is IdentityProviderId {
  return typeof value === 'string' && (identityProviders as readonly string[]).includes(value);
}

/** The provider an SSO issuer URL belongs to, when its host says so. */
export function providerFromIssuer(issuerUrl: string | undefined): IdentityProviderId | undefined {
  if (!issuerUrl) return undefined;
  let host: string;
  try {
    host = new URL(issuerUrl).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  const within = (domain: string) => host === domain || host.endsWith(`.${domain}`);
  if (within('okta.com') || within('oktapreview.com') || within('okta-emea.com')) return 'okta';
  if (
    within('login.microsoftonline.com') ||
    within('login.microsoftonline.us') ||
    host === 'sts.windows.net'
  ) {
    return 'entra';
  }
  if (within('onelogin.com')) return 'onelogin';
  if (within('jumpcloud.com')) return 'jumpcloud';
  if (host === 'accounts.google.com') return 'google';
  return undefined;
}

const STORAGE_PREFIX = 'scim-admin.identity-provider.';
const listeners = new Set<() => void>();

/** For `useSyncExternalStore`: the kit's choice shows up in the row and warnings at once. */
export function subscribeToProviderChoices(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function rememberedProvider(configurationId: string): IdentityProviderId | undefined {
  try {
    const value = window.localStorage.getItem(STORAGE_PREFIX + configurationId);
    return isIdentityProviderId(value) ? value : undefined;
  } catch {
    // Storage blocked (privacy mode): the kit just asks again.
    return undefined;
  }
}

export function rememberProvider(configurationId: string, provider: IdentityProviderId): void {
  try {
    window.localStorage.setItem(STORAGE_PREFIX + configurationId, provider);
  } catch {
    // Not remembering the choice only costs one click next time.
  }
  for (const listener of listeners) listener();
}
