import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { ConnectError } from '#contracts/connect.ts';
import { procedures } from '#contracts/procedures.ts';
import { ADMIN_TOKEN } from '../testing/backend.ts';
import { server } from '../testing/msw/server.ts';
import { callUnary } from './connect-client.ts';
import { startSession } from './session.ts';

const path = '*/api/gitpod.v1.OrganizationService/GetSCIMConfiguration';
const request = { scimConfigurationId: '0198a000-0000-7000-8000-000000000001' };

async function callAndCatch(): Promise<ConnectError> {
  try {
    await callUnary(procedures.getScimConfiguration, request);
  } catch (error) {
    if (error instanceof ConnectError) return error;
    throw error;
  }
  throw new Error('the call succeeded');
}

describe('callUnary', () => {
  it('POSTs JSON with the bearer token and returns the parsed response with proto3 defaults', async () => {
    startSession(ADMIN_TOKEN);
    let seen: { method: string; headers: Headers; body: unknown } | undefined;
    server.use(
      http.post(path, async ({ request: req }) => {
        seen = { method: req.method, headers: req.headers, body: await req.json() };
        return HttpResponse.json({
          scimConfiguration: {
            id: request.scimConfigurationId,
            organizationId: '0198a000-0000-7000-8000-00000000a000',
            createdAt: '2026-01-01T00:00:00Z',
            updatedAt: '2026-01-01T00:00:00Z',
            tokenExpiresAt: '2027-01-01T00:00:00Z',
          },
        });
      }),
    );
    const response = await callUnary(procedures.getScimConfiguration, request);
    expect(seen?.method).toBe('POST');
    expect(seen?.headers.get('authorization')).toBe(`Bearer ${ADMIN_TOKEN}`);
    expect(seen?.headers.get('content-type')).toBe('application/json');
    expect(seen?.headers.get('connect-protocol-version')).toBe('1');
    expect(seen?.body).toEqual(request);
    expect(response.scimConfiguration).toMatchObject({ name: '', enabled: false });
  });

  it('uses an explicit token over the session', async () => {
    startSession(ADMIN_TOKEN);
    let authorization: string | null = null;
    server.use(
      http.post('*/api/gitpod.v1.IdentityService/GetAuthenticatedIdentity', ({ request: req }) => {
        authorization = req.headers.get('authorization');
        return HttpResponse.json({});
      }),
    );
    await callUnary(procedures.getAuthenticatedIdentity, {}, { token: 'other' });
    expect(authorization).toBe('Bearer other');
  });

  it('decodes a Connect error body into code and raw message', async () => {
    server.use(
      http.post(path, () =>
        HttpResponse.json(
          { code: 'not_found', message: 'SCIM configuration not found' },
          { status: 404 },
        ),
      ),
    );
    const error = await callAndCatch();
    expect(error.code).toBe('not_found');
    expect(error.rawMessage).toBe('SCIM configuration not found');
  });

  it.each([
    [400, 'internal'],
    [401, 'unauthenticated'],
    [403, 'permission_denied'],
    [404, 'unimplemented'],
    [429, 'unavailable'],
    [502, 'unavailable'],
    [503, 'unavailable'],
    [504, 'unavailable'],
    [500, 'unknown'],
  ])('maps HTTP %i without a Connect body to %s', async (status, code) => {
    server.use(http.post(path, () => new HttpResponse('<html>gateway</html>', { status })));
    const error = await callAndCatch();
    expect(error.code).toBe(code);
    expect(error.rawMessage).toBe(`HTTP ${status}`);
  });

  it('turns a response that breaks the contract into internal', async () => {
    server.use(http.post(path, () => HttpResponse.json({ scimConfiguration: { id: 'nope' } })));
    const error = await callAndCatch();
    expect(error.code).toBe('internal');
    expect(error.rawMessage).toMatch(/does not match the contract/);
  });

  it('turns a network failure into unavailable', async () => {
    server.use(http.post(path, () => HttpResponse.error()));
    const error = await callAndCatch();
    expect(error.code).toBe('unavailable');
  });

  it('reports cancellation as canceled', async () => {
    server.use(
      http.post(path, async () => {
        await new Promise((resolve) => setTimeout(resolve, 200));
        return HttpResponse.json({});
      }),
    );
    const controller = new AbortController();
    const pending = callUnary(procedures.getScimConfiguration, request, {
      signal: controller.signal,
    });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'canceled' });
  });

  it('gives up after the timeout with deadline_exceeded', async () => {
    server.use(
      http.post(path, async () => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        return HttpResponse.json({});
      }),
    );
    await expect(
      callUnary(procedures.getScimConfiguration, request, { timeoutMs: 50 }),
    ).rejects.toMatchObject({ code: 'deadline_exceeded' });
  });
});
