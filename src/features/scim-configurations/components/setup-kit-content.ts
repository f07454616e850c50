// What each identity provider's admin console calls the fields an admin fills in, in its order,
// with the value that goes into each. Checked against the providers' documentation and current
// setup guides (sources in each kit's `sources`); a wrong label here sends an admin hunting.
import type { IdentityProviderId } from './identity-provider.ts';

export type KitValue =
  /** The SCIM base URL, exactly as the server announces it. */
  | { kind: 'url' }
  /** The bearer token alone, no "Bearer " prefix. */
  | { kind: 'token' }
  /** A whole header value: "Bearer <token>". */
  | { kind: 'bearer-header' }
  /** A literal to paste, e.g. `userName`. */
  | { kind: 'text'; text: string }
  /** A setting to pick in the provider's console: nothing to paste. */
  | { kind: 'choice'; text: string };

export interface KitField {
  label: string;
  value: KitValue;
  hint?: string;
}

export interface ProviderKit {
  /** Numbered steps; the fields are listed under step `fieldsAtStep` (0-based). */
  steps: readonly string[];
  fieldsAtStep: number;
  fields: readonly KitField[];
  /** Whether the token goes in with or without the "Bearer " prefix, in the provider's terms. */
  tokenFormat: string;
  docs: { title: string; url: string };
  /** Pages the labels were checked against (for maintainers; shown nowhere). */
  sources: readonly string[];
  /** "Copy both" only where a generic client wants the pair. */
  copyBoth?: boolean;
}

export const setupKits: Record<IdentityProviderId, ProviderKit> = {
  okta: {
    steps: [
      'In the Okta Admin Console, go to Applications → Applications and open the SAML 2.0 app you use to sign in to Ona.',
      'On the General tab, click Edit under App Settings, set Provisioning to SCIM, and click Save.',
      'Open the Provisioning tab, select Integration under Settings, click Edit, and fill in:',
      'Click Test Connector Configuration: Okta calls this configuration and lists what works. Then click Save.',
      'Under Provisioning → To App, click Edit, enable Create Users, Update User Attributes and Deactivate Users, and Save. Assign people or groups on the Assignments tab.',
    ],
    fieldsAtStep: 2,
    fields: [
      { label: 'SCIM connector base URL', value: { kind: 'url' } },
      { label: 'Unique identifier field for users', value: { kind: 'text', text: 'userName' } },
      {
        label: 'Supported provisioning actions',
        value: { kind: 'choice', text: 'Push New Users, Push Profile Updates, Push Groups' },
        hint: 'Import New Users and Profile Updates works too.',
      },
      { label: 'Authentication Mode', value: { kind: 'choice', text: 'HTTP Header' } },
      {
        label: 'Authorization',
        value: { kind: 'token' },
        hint: 'Appears under HTTP Header with "Bearer" in front of the box: Okta adds the prefix itself.',
      },
    ],
    tokenFormat: 'Paste the token without a "Bearer " prefix: Okta adds it.',
    docs: {
      title: 'Okta: Add SCIM provisioning to app integrations',
      url: 'https://help.okta.com/en-us/content/topics/apps/apps_app_integration_wizard_scim.htm',
    },
    sources: [
      'https://help.okta.com/en-us/content/topics/apps/apps_app_integration_wizard_scim.htm',
      'https://scim.dev/guide/applications/okta.html',
      'https://www.livingsecurity.com/support/establishing-a-scim-connection-in-okta',
    ],
  },
  entra: {
    steps: [
      'In the Microsoft Entra admin center, go to Enterprise applications and open the app you use to sign in to Ona (for a new one: New application → Create your own application → Integrate any other application you don’t find in the gallery (Non-gallery)).',
      'Select Provisioning, click Get started (or Connect your application), and set Provisioning Mode to Automatic.',
      'Under Admin Credentials, fill in:',
      'Click Test Connection: Entra ID calls this configuration with the token. Then click Save.',
      'Assign users and groups under Users and groups, set Provisioning Status to On, and Save. Entra ID then syncs about every 40 minutes.',
    ],
    fieldsAtStep: 2,
    fields: [
      {
        label: 'Tenant URL',
        value: { kind: 'url' },
        hint: 'Entra ID only connects to an HTTPS URL it can reach from the internet.',
      },
      { label: 'Secret Token', value: { kind: 'token' } },
    ],
    tokenFormat:
      'Paste the token without a "Bearer " prefix: Entra ID sends it as "Authorization: Bearer <token>".',
    docs: {
      title: 'Microsoft Learn: Develop and plan provisioning for a SCIM endpoint',
      url: 'https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups',
    },
    sources: [
      'https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups',
      'https://howto.getidee.com/guides/scim-setup/cmppbuc2m0037hge8uu4sz6l6/',
      'https://helpdesk.tutoolio.de/article-integration/user-synchronization/user-provisioning-via-entra-id-scim',
    ],
  },
  onelogin: {
    steps: [
      'In the OneLogin admin portal, go to Applications → Applications. Open your Ona app, or click Add App, search for "SCIM Provisioner with SAML (SCIM v2 Core)", select it and click Save.',
      'On the Configuration tab, under API Connection, fill in:',
      'Click Enable next to API Connection: OneLogin calls this configuration with the token. Then click Save.',
      'On the Provisioning tab, select Enable provisioning and click Save. On the Parameters tab, check that scimusername holds what your users sign in with (usually Email).',
    ],
    fieldsAtStep: 1,
    fields: [
      { label: 'SCIM Base URL', value: { kind: 'url' } },
      {
        label: 'SCIM JSON Template',
        value: { kind: 'choice', text: 'Keep the template OneLogin fills in' },
      },
      { label: 'SCIM Bearer Token', value: { kind: 'token' } },
    ],
    tokenFormat: 'Paste the token without a "Bearer " prefix: OneLogin adds it.',
    docs: {
      title: 'OneLogin: SCIM custom connectors (SCIM Provisioner)',
      url: 'https://onelogin.service-now.com/kb?id=kb_article_view&sysparm_article=KB0013904',
    },
    sources: [
      'https://onelogin.service-now.com/kb?id=kb_article_view&sysparm_article=KB0013904',
      'https://scim.dev/guide/applications/onelogin.html',
      'https://www.livingsecurity.com/migration/support/configuring-scim-for-onelogin',
    ],
  },
  jumpcloud: {
    steps: [
      'In the JumpCloud Admin Portal, go to SSO Applications and open the custom SAML app you use to sign in to Ona (for a new one: Add New Application → Custom Application).',
      'Open the Identity Management tab, set API Type to SCIM API and SCIM Version to SCIM 2.0, and fill in:',
      'Click Test Connection: JumpCloud calls this configuration, creates the test user and removes it. Then click Activate and Save.',
      'On the User Groups tab, select the groups to provision and click Save.',
    ],
    fieldsAtStep: 1,
    fields: [
      {
        label: 'Base URL',
        value: { kind: 'url' },
        hint: 'Paste it as is: JumpCloud fails with a trailing slash.',
      },
      { label: 'Token Key', value: { kind: 'token' } },
      {
        label: 'Test User Email',
        value: { kind: 'choice', text: 'An email address in your own domain' },
      },
    ],
    tokenFormat:
      'Paste the token without a "Bearer " prefix: JumpCloud sends it as "Authorization: Bearer <token>".',
    docs: {
      title: 'JumpCloud: Custom SCIM Identity Management integration',
      url: 'https://jumpcloud.com/support/provision-and-manage-users-and-groups-in-apps-using-custom-scim-identity-management-integration',
    },
    sources: [
      'https://support.jumpcloud.com/s/article/Custom-SCIM-Identity-Management',
      'https://boxyhq.com/docs/directory-sync/providers/jumpcloud',
      'https://docs.byo.propelauth.com/scim/example-setup-guides/jumpcloud',
      'https://help.trelica.com/hc/en-us/articles/24613205676061-JumpCloud-SCIM-configuration',
    ],
  },
  google: {
    steps: [
      'In the Google Admin console, go to Apps → Web and mobile apps and open the SAML app you use to sign in to Ona.',
      'Open the Auto-provisioning section and click Configure auto-provisioning. (Google offers it for apps whose catalog entry supports provisioning; a custom SAML app without this section cannot be provisioned by Google.)',
      'Fill in, clicking Continue after each:',
      'Review the attribute mapping, optionally limit the provisioning scope to groups, choose the deprovisioning settings and click Finish.',
      'Set Auto-provisioning to ON. Google syncs every few hours.',
    ],
    fieldsAtStep: 2,
    fields: [
      { label: 'Access token', value: { kind: 'token' } },
      { label: 'Endpoint URL', value: { kind: 'url' } },
    ],
    tokenFormat: 'Paste the token without a "Bearer " prefix: Google sends it as a bearer token.',
    docs: {
      title: 'Google Workspace Admin Help: About automated user provisioning',
      url: 'https://support.google.com/a/answer/7681608',
    },
    sources: [
      'https://support.google.com/a/answer/7681608',
      'https://www.ory.com/docs/kratos/manage-identities/scim/google-workspace',
      'https://authn-sh-docs.pages.dev/guides/scim/google-workspace/',
    ],
  },
  other: {
    steps: [
      'In your SCIM client, create a SCIM 2.0 connection that authenticates with a bearer token, and fill in:',
      'Run the client’s connection test: it should read ServiceProviderConfig from the base URL with the token.',
    ],
    fieldsAtStep: 0,
    fields: [
      { label: 'SCIM base URL', value: { kind: 'url' } },
      { label: 'Bearer token', value: { kind: 'token' } },
      {
        label: 'Authorization header value',
        value: { kind: 'bearer-header' },
        hint: 'For clients that ask for the whole header value instead of the token.',
      },
    ],
    tokenFormat:
      'Most clients want the token alone and send "Authorization: Bearer <token>" themselves; the header value below already has the prefix.',
    docs: {
      title: 'RFC 7644: SCIM 2.0 protocol',
      url: 'https://www.rfc-editor.org/rfc/rfc7644',
    },
    sources: ['https://www.rfc-editor.org/rfc/rfc7644'],
    copyBoth: true,
  },
};
