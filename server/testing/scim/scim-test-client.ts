// Calls the SCIM app in-process the way an identity provider would.
import type { Hono } from 'hono';

export interface ScimResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response JSON.
  body: any;
}

type Fetchable = Pick<Hono, 'request'> | { request: Hono['request'] };

export interface ScimClient {
  get(path: string): Promise<ScimResponse>;
  post(path: string, body: unknown): Promise<ScimResponse>;
  put(path: string, body: unknown): Promise<ScimResponse>;
  patch(path: string, body: unknown): Promise<ScimResponse>;
  delete(path: string): Promise<ScimResponse>;
  send(path: string, init: RequestInit): Promise<ScimResponse>;
}

export function scimClient(app: Fetchable, token: string | undefined, base = ''): ScimClient {
  const send = async (path: string, init: RequestInit): Promise<ScimResponse> => {
    const headers = new Headers(init.headers);
    if (token !== undefined && !headers.has('Authorization')) {
      headers.set('Authorization', `Bearer ${token}`);
    }
    const response = await app.request(`${base}${path}`, { ...init, headers });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? JSON.parse(text) : undefined,
    };
  };
  const withBody = (method: string) => (path: string, body: unknown) =>
    send(path, {
      method,
      headers: { 'Content-Type': 'application/scim+json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  return {
    get: (path) => send(path, { method: 'GET' }),
    post: withBody('POST'),
    put: withBody('PUT'),
    patch: withBody('PATCH'),
    delete: (path) => send(path, { method: 'DELETE' }),
    send,
  };
}

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

export function patchOp(...operations: unknown[]) {
  return { schemas: [PATCH_OP], Operations: operations };
}
