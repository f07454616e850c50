import { describe, expect, it } from 'vitest';
import type { ProvisioningActivity } from '#contracts/provisioning-activity.ts';
import { providerFromIssuer } from './identity-provider.ts';
import { activityWarning, requestSummary } from './provisioning-health.ts';

const now = new Date('2026-06-10T00:00:00Z');
const base: ProvisioningActivity = {
  scimConfigurationId: 'x',
  requestsLast24h: 0,
  rejectedLast24h: 0,
  rejectedByReasonLast24h: { unknownToken: 0, expiredToken: 0, provisioningDisabled: 0 },
  provisionedUsers: 0,
  provisionedGroups: 0,
};
const config = {
  enabled: true,
  createdAt: '2026-06-01T00:00:00Z',
  tokenExpiresAt: '2027-06-01T00:00:00Z',
};
const last = (at: Date) => `Last request at ${at.toISOString()}`;

describe('requestSummary', () => {
  it('tells no request, only rejected requests and the last accepted request apart', () => {
    expect(requestSummary(base, last)).toBe('No request yet');
    expect(
      requestSummary(
        {
          ...base,
          rejectedLast24h: 7,
          rejectedByReasonLast24h: { unknownToken: 0, expiredToken: 7, provisioningDisabled: 0 },
        },
        last,
      ),
    ).toBe('No successful request yet, 7 rejected (token expired)');
    expect(
      requestSummary(
        {
          ...base,
          rejectedLast24h: 5,
          rejectedByReasonLast24h: { unknownToken: 0, expiredToken: 3, provisioningDisabled: 2 },
        },
        last,
      ),
    ).toBe('No successful request yet, 5 rejected (3 token expired, 2 provisioning disabled)');
    expect(requestSummary({ ...base, lastRequestAt: '2026-06-09T23:57:00Z' }, last)).toBe(
      'Last request at 2026-06-09T23:57:00.000Z',
    );
  });
});

describe('activityWarning', () => {
  const expired = {
    ...base,
    rejectedLast24h: 7,
    rejectedByReasonLast24h: { unknownToken: 0, expiredToken: 7, provisioningDisabled: 0 },
  };

  it('offers Rotate token when the rejections come from the expired current token', () => {
    const warning = activityWarning(
      { ...config, tokenExpiresAt: '2026-06-05T00:00:00Z' },
      expired,
      now,
      'okta',
    );
    expect(warning).toMatchObject({ kind: 'rejected', count: 7, fix: 'rotate' });
    expect(warning?.detail).toBe(
      'Okta sent 7 requests that were rejected in the last 24 hours: the token has expired: rotate it and paste the new token into the identity provider.',
    );
  });

  it('offers Enable when the rejections come from disabled provisioning, and only while disabled', () => {
    const refused = {
      ...base,
      rejectedLast24h: 2,
      rejectedByReasonLast24h: { unknownToken: 0, expiredToken: 0, provisioningDisabled: 2 },
    };
    expect(activityWarning({ ...config, enabled: false }, refused, now)).toMatchObject({
      kind: 'rejected',
      fix: 'enable',
    });
    const again = activityWarning(config, refused, now);
    expect(again?.kind).toBe('rejected');
    expect(again && 'fix' in again ? again.fix : undefined).toBeUndefined();
    expect(again?.detail).toContain('it is enabled again');
  });

  it('has no fix to offer for an expired token that is no longer the current one', () => {
    const warning = activityWarning(config, expired, now);
    expect(warning && 'fix' in warning ? warning.fix : undefined).toBeUndefined();
  });

  it('never warns about silence once the provider has called: providers push only on change', () => {
    const longAgo = { ...base, lastRequestAt: '2026-05-01T00:00:00Z' };
    for (const provider of ['okta', 'entra', 'onelogin', 'jumpcloud', 'google', 'other'] as const) {
      expect(activityWarning(config, longAgo, now, provider)).toBeUndefined();
    }
  });

  it("warns when the provider never called 48 hours after creation, with that provider's test button", () => {
    expect(activityWarning(config, base, now, 'okta')).toEqual({
      kind: 'never-called',
      detail:
        'Okta has not called this configuration since it was created. In Okta, click Test Connector Configuration on the Provisioning tab.',
    });
    expect(activityWarning(config, base, now, 'entra')?.detail).toContain('Test Connection');
    expect(activityWarning(config, base, now)?.detail).toMatch(/^No identity provider has/);
    expect(
      activityWarning({ ...config, createdAt: '2026-06-08T12:00:00Z' }, base, now, 'okta'),
    ).toBeUndefined();
    expect(activityWarning({ ...config, enabled: false }, base, now, 'okta')).toBeUndefined();
  });
});

describe('providerFromIssuer', () => {
  it.each([
    ['https://acme.okta.com', 'okta'],
    ['https://acme.oktapreview.com/oauth2/default', 'okta'],
    ['https://login.microsoftonline.com/acme/v2.0', 'entra'],
    ['https://sts.windows.net/0000/', 'entra'],
    ['https://acme.onelogin.com/oidc/2', 'onelogin'],
    ['https://sso.jumpcloud.com/saml2/ona', 'jumpcloud'],
    ['https://accounts.google.com', 'google'],
  ])('%s is %s', (issuer, provider) => {
    expect(providerFromIssuer(issuer)).toBe(provider);
  });

  it('guesses nothing for other or malformed issuers, nor for look-alike hosts', () => {
    expect(providerFromIssuer('https://idp.example.com')).toBeUndefined();
    expect(providerFromIssuer('https://okta.com.evil.example')).toBeUndefined();
    expect(providerFromIssuer('https://notokta.com')).toBeUndefined();
    expect(providerFromIssuer('not a url')).toBeUndefined();
    expect(providerFromIssuer(undefined)).toBeUndefined();
  });
});
