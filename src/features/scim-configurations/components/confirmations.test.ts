import { describe, expect, it } from 'vitest';
import { ConnectError } from '#contracts/connect.ts';
import { SSO_CONFIGURATION_GONE, serverErrorTarget, violatedField } from './server-errors.ts';
import { unreachableUrlWarning } from './test-connection.tsx';
import { matchesConfirmation, normalizeConfirmation } from './typed-confirmation.tsx';

describe('typed confirmation', () => {
  it('ignores case, surrounding and repeated whitespace', () => {
    expect(matchesConfirmation('  okta   PRODUCTION ', 'Okta production')).toBe(true);
    expect(matchesConfirmation('Okta\tproduction', 'Okta production')).toBe(true);
  });

  it('treats every Unicode dash and quote as its ASCII form', () => {
    expect(matchesConfirmation('Okta - Prod', 'Okta – Prod')).toBe(true);
    expect(matchesConfirmation('Okta — Prod', 'Okta - Prod')).toBe(true);
    expect(matchesConfirmation('Okta − Prod', 'Okta ‐ Prod')).toBe(true);
    expect(matchesConfirmation('Ada\'s "main" IdP', 'Ada’s “main” IdP')).toBe(true);
    expect(normalizeConfirmation('Ａｃｍｅ – ‘x’')).toBe("acme - 'x'");
  });

  it('still tells different names apart', () => {
    expect(matchesConfirmation('Okta Prod', 'Okta - Prod')).toBe(false);
    expect(matchesConfirmation('Okta production 2', 'Okta production')).toBe(false);
    expect(matchesConfirmation('', 'rotate')).toBe(false);
  });
});

describe('serverErrorTarget', () => {
  const fieldFor = (wire: string) =>
    wire === 'name' || wire === 'ssoConfigurationId' ? wire : undefined;
  const request = { organizationId: 'o', ssoConfigurationId: 's', name: 'x' };

  it('finds the field from the request fields named as a path, camelCase or snake_case', () => {
    expect(violatedField('name: must be at most 128 characters', ['name'])).toBe('name');
    expect(
      violatedField('validation error:\n - token_expires_in: must be at most 730 days', [
        'name',
        'tokenExpiresIn',
      ]),
    ).toBe('tokenExpiresIn');
    expect(violatedField('the name is wrong', ['name'])).toBeUndefined();
    expect(
      serverErrorTarget(
        new ConnectError('invalid_argument', 'name: must be at most 128 characters'),
        request,
        fieldFor,
      ),
    ).toEqual({ field: 'name', message: 'Must be at most 128 characters' });
  });

  it('puts not_found and failed_precondition on the SSO field by code, whatever the wording', () => {
    expect(
      serverErrorTarget(new ConnectError('not_found', 'resource missing'), request, fieldFor),
    ).toEqual({ field: 'ssoConfigurationId', message: SSO_CONFIGURATION_GONE, sso: 'missing' });
    expect(
      serverErrorTarget(
        new ConnectError('failed_precondition', 'Der Anbieter ist nicht aktiv'),
        request,
        fieldFor,
      ),
    ).toEqual({
      field: 'ssoConfigurationId',
      message: 'Der Anbieter ist nicht aktiv',
      sso: 'inactive',
    });
  });

  it('keeps a missing SCIM configuration off the SSO field', () => {
    const update = { scimConfigurationId: 'c-1', ssoConfigurationId: 's' };
    expect(
      serverErrorTarget(
        new ConnectError('not_found', 'configuration c-1 not found'),
        update,
        fieldFor,
      ),
    ).toEqual({ message: 'This configuration no longer exists.' });
  });

  it('puts what it cannot place at the top of the form', () => {
    expect(
      serverErrorTarget(new ConnectError('internal', 'boom'), { name: 'x' }, fieldFor),
    ).toEqual({ message: 'The server had a problem: boom' });
  });
});

describe('unreachableUrlWarning', () => {
  it('warns about plain http and loopback or private hosts', () => {
    expect(unreachableUrlWarning('http://127.0.0.1:8080/scim/v2')).toMatch(
      /plain http:\/\/.*loopback or private address \(127\.0\.0\.1\)/,
    );
    expect(unreachableUrlWarning('https://10.1.2.3/scim/v2')).toMatch(/private address/);
    expect(unreachableUrlWarning('https://192.168.1.5/scim/v2')).toMatch(/private address/);
    expect(unreachableUrlWarning('https://localhost/scim/v2')).toMatch(/loopback/);
    expect(unreachableUrlWarning('https://[::1]/scim/v2')).toMatch(/loopback/);
    expect(unreachableUrlWarning('http://scim.example.com/scim/v2')).toMatch(/HTTPS/);
  });

  it('says nothing for a public HTTPS URL', () => {
    expect(unreachableUrlWarning('https://app.gitpod.io/scim/v2')).toBeUndefined();
    expect(unreachableUrlWarning('https://172.32.0.1/scim/v2')).toBeUndefined();
  });
});
