// Calls the SCIM 2.0 endpoint the way an identity provider does.
import type { APIRequestContext } from '@playwright/test';

export function scimGet(request: APIRequestContext, url: string, token: string) {
  return request.get(url, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/scim+json' },
  });
}

export function scimPost(request: APIRequestContext, url: string, token: string, body: unknown) {
  return request.post(url, {
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/scim+json',
      accept: 'application/scim+json',
    },
    data: JSON.stringify(body),
  });
}
