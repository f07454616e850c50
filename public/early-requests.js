// @ts-check
// Starts the first screen's API calls while the app's JavaScript is still downloading and compiling,
// so a returning admin's data is already on its way when React starts. The app adopts each answer
// once, through its usual Connect decoding (src/lib/early-responses.ts), and drops what it does not
// adopt within a few seconds. A plain script because it must run before the bundle; it sends only
// what the app itself would send, with the token the app keeps in sessionStorage.
(() => {
  /** @type {string | null} */
  let token = null;
  try {
    token = window.sessionStorage.getItem('scim-admin.session');
  } catch {
    return;
  }
  if (!token) return;
  const authorization = `Bearer ${token}`;

  /** @type {{ path: string, body: string, startedAt: number, response: Promise<Response> }[]} */
  const requests = [];
  /** @param {string} path @param {unknown} message */
  const post = (path, message) => {
    const body = JSON.stringify(message);
    const response = fetch(`/api/${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Connect-Protocol-Version': '1',
        Authorization: authorization,
      },
      body,
      credentials: 'same-origin',
    });
    // Failures surface when the app adopts the answer; an unadopted one must not be "unhandled".
    response.catch(() => undefined);
    requests.push({ path, body, startedAt: performance.now(), response });
    return response;
  };

  const identity = post('gitpod.v1.IdentityService/GetAuthenticatedIdentity', {})
    // Read a copy now, before the app consumes the body.
    .then((response) => (response.ok ? response.clone().json() : undefined));
  post('gitpod.v1.UserService/GetAuthenticatedUser', {});

  const path = window.location.pathname;
  const detail = /^\/scim\/([0-9a-fA-F-]{36})\/?$/.exec(path);
  if (detail?.[1]) {
    post('gitpod.v1.OrganizationService/GetSCIMConfiguration', { scimConfigurationId: detail[1] });
  } else if (/^\/(scim\/?)?$/.test(path)) {
    post('gitpod.v1.OrganizationService/ListSCIMConfigurations', { pagination: { pageSize: 100 } });
  }

  identity
    .then((answer) => {
      const organizationId = answer?.organizationId;
      const userId = answer?.subject?.id;
      if (typeof organizationId !== 'string' || !organizationId) return;
      post('gitpod.v1.OrganizationService/GetOrganization', { organizationId });
      if (typeof userId === 'string' && userId) {
        post('gitpod.v1.OrganizationService/ListMembers', {
          organizationId,
          filter: { userIds: [userId] },
        });
      }
      post('gitpod.v1.OrganizationService/ListSSOConfigurations', {
        organizationId,
        pagination: { pageSize: 100 },
      });
    })
    .catch(() => undefined);

  Object.defineProperty(window, '__scimEarlyRequests', { value: requests, configurable: true });
})();
