// The SCIM 2.0 service-provider endpoint (RFC 7643/7644), mounted by the app at /scim/v2.
import { type Context, Hono } from 'hono';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from '../../db/connection-errors.ts';
import { decodeUtf8, readLimited } from '../../http-body.ts';
import {
  getResourceType,
  getSchema,
  listResourceTypes,
  listSchemas,
  serviceProviderConfig,
} from '../../scim/scim-discovery.ts';
import { badRequest, notFound, ScimError } from '../../scim/scim-errors.ts';
import { isJsonObject, type JsonObject, parseJsonObject } from '../../scim/scim-json.ts';
import type { PagedList, PagedResource } from '../../scim/scim-list.ts';
import type { ListQuery } from '../../scim/scim-query.ts';
import {
  type AuthThrottle,
  createAuthThrottle,
  throttleFailedAuthentication,
} from '../../security/auth-throttle.ts';
import { activityRecorder, authenticate } from '../../services/scim/scim-authentication.ts';
import type { ScimRequestContext } from '../../services/scim/scim-context.ts';
import {
  createGroup,
  deleteGroup,
  getGroup,
  listGroups,
  patchGroup,
  replaceGroup,
} from '../../services/scim/scim-group-service.ts';
import {
  createUser,
  deleteUser,
  getUser,
  listUsers,
  patchUser,
  replaceUser,
} from '../../services/scim/scim-user-service.ts';
import { streamListJson, streamResourceJson } from './scim-streamed-resource.ts';

export const SCIM_CONTENT_TYPE = 'application/scim+json';
export const MAX_BODY_BYTES = 1024 * 1024;

interface ScimEnv {
  Variables: { scim: ScimRequestContext };
}

type ScimContext = Context<ScimEnv>;

function scimJson(
  status: number,
  body: JsonObject | object,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    // Resources carry personal data: no shared or browser cache keeps them.
    headers: { 'Content-Type': SCIM_CONTENT_TYPE, 'Cache-Control': 'no-store', ...headers },
  });
}

/** A group (or a page of them) with members written a page at a time (scim-streamed-resource.ts). */
function scimStreamed(
  status: number,
  streamed: PagedResource | PagedList,
  headers: Record<string, string> = {},
): Response {
  const body = 'head' in streamed ? streamListJson(streamed) : streamResourceJson(streamed);
  return new Response(body, {
    status,
    headers: { 'Content-Type': SCIM_CONTENT_TYPE, 'Cache-Control': 'no-store', ...headers },
  });
}

function errorResponse(error: ScimError): Response {
  const headers: Record<string, string> = {};
  if (error.status === 401) headers['WWW-Authenticate'] = 'Bearer realm="SCIM"';
  // The rest of an oversized body is not read: closing the connection keeps the client's next
  // request from being parsed out of it.
  if (error.status === 413) headers.Connection = 'close';
  return scimJson(error.status, error.toJSON(), headers);
}

/**
 * The client went away while sending its body. Nobody reads the answer; the status (nginx's
 * "client closed request") makes the request log's one line say what happened.
 */
class ClientClosedRequest extends Error {
  override readonly name = 'ClientClosedRequest';
}
export const CLIENT_CLOSED_REQUEST = 499;

const tooLarge = () => new ScimError(413, `The request body exceeds ${MAX_BODY_BYTES} bytes`);

function locationHeader(resource: JsonObject): Record<string, string> {
  const meta = resource.meta;
  return isJsonObject(meta) && typeof meta.location === 'string' ? { Location: meta.location } : {};
}

const endpointSegments =
  /^(.*?)\/(?:Users|Groups|ServiceProviderConfig|ResourceTypes|Schemas|Bulk|Me)(?:\/|$)/;

/** The endpoint root as the client addressed it, e.g. `https://host/scim/v2`. */
function baseUrlOf(requestUrl: string): string {
  const url = new URL(requestUrl);
  const match = endpointSegments.exec(url.pathname);
  return `${url.origin}${match?.[1] ?? url.pathname.replace(/\/$/, '')}`;
}

function listQuery(c: ScimContext): ListQuery {
  return {
    filter: c.req.query('filter'),
    startIndex: c.req.query('startIndex'),
    count: c.req.query('count'),
    attributes: c.req.query('attributes'),
    excludedAttributes: c.req.query('excludedAttributes'),
  };
}

// RFC 7644 §3.1: application/scim+json; plain JSON is what many clients send. Parameters other
// than a UTF-8 charset change how the body would be read, so they are refused too.
const jsonMediaType = /^application\/(?:scim\+)?json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

async function jsonBody(c: ScimContext): Promise<JsonObject> {
  if (!jsonMediaType.test(c.req.header('Content-Type') ?? '')) {
    throw new ScimError(
      415,
      `The request body must be sent as ${SCIM_CONTENT_TYPE} (or application/json)`,
    );
  }
  let bytes: Buffer | undefined;
  try {
    bytes = await readLimited(c.req.raw, MAX_BODY_BYTES);
  } catch {
    // Only the connection can fail a body read: the client aborted or reset it.
    throw new ClientClosedRequest();
  }
  if (bytes === undefined) throw tooLarge();
  const text = decodeUtf8(bytes);
  if (text === undefined) throw badRequest('invalidSyntax', 'The request body is not valid UTF-8');
  return parseJsonObject(text);
}

export function createScimV2App(deps: {
  storage: ScimRequestContext['storage'];
  now?: () => Date;
  /** Where unexpected failures are reported; defaults to stderr. */
  log?: { error: (line: string) => void };
  /** Failed-authentication throttle per client address (shared with whoever reports it). */
  throttle?: AuthThrottle;
}): Hono<ScimEnv> {
  const now = deps.now ?? (() => new Date());
  const logError = deps.log?.error ?? ((line: string) => console.error(line));
  const app = new Hono<ScimEnv>();
  const record = activityRecorder(deps.storage.repos, logError);

  app.onError((error) => {
    if (error instanceof ScimError) return errorResponse(error);
    if (isDatabaseUnavailable(error))
      return errorResponse(new ScimError(503, DATABASE_UNAVAILABLE_MESSAGE));
    if (error instanceof ClientClosedRequest)
      return new Response(null, { status: CLIENT_CLOSED_REQUEST });
    // Never the request or its headers: they carry the bearer token.
    logError(
      `SCIM endpoint error: ${error instanceof Error ? (error.stack ?? error.message) : 'unknown'}`,
    );
    return errorResponse(new ScimError(500, 'Internal error'));
  });

  // A throttled address is refused before its token is even hashed; each 401 counts against it.
  app.use(
    '*',
    throttleFailedAuthentication({
      throttle: deps.throttle ?? createAuthThrottle(),
      now: () => now().getTime(),
      refuse: (_c, wait) =>
        errorResponse(
          new ScimError(
            429,
            `Too many failed authentication attempts from this address: try again in ${wait} s`,
          ),
        ),
    }),
  );
  app.use('*', async (c, next) => {
    const at = now();
    const caller = await authenticate(
      deps.storage.repos,
      c.req.header('Authorization'),
      at,
      record,
    );
    c.set('scim', { storage: deps.storage, ...caller, now: at, baseUrl: baseUrlOf(c.req.url) });
    await next();
  });

  // A declared length over the limit is refused on every route before anything reads the body;
  // bodies without one are cut off while they are read (jsonBody).
  app.use('*', async (c, next) => {
    if (Number(c.req.header('Content-Length') ?? '0') > MAX_BODY_BYTES) throw tooLarge();
    await next();
  });

  app.get('/ServiceProviderConfig', (c) =>
    scimJson(200, serviceProviderConfig(c.var.scim.baseUrl)),
  );
  app.get('/ResourceTypes', (c) => scimJson(200, listResourceTypes(c.var.scim.baseUrl)));
  app.get('/ResourceTypes/:name', (c) =>
    scimJson(200, getResourceType(c.req.param('name'), c.var.scim.baseUrl)),
  );
  app.get('/Schemas', (c) => scimJson(200, listSchemas(c.var.scim.baseUrl)));
  app.get('/Schemas/:urn', (c) => scimJson(200, getSchema(c.req.param('urn'), c.var.scim.baseUrl)));

  app.get('/Users', async (c) => scimJson(200, await listUsers(c.var.scim, listQuery(c))));
  app.post('/Users', async (c) => {
    const user = await createUser(c.var.scim, await jsonBody(c));
    return scimJson(201, user, locationHeader(user));
  });
  app.get('/Users/:id', async (c) =>
    scimJson(200, await getUser(c.var.scim, c.req.param('id'), listQuery(c))),
  );
  app.put('/Users/:id', async (c) =>
    scimJson(200, await replaceUser(c.var.scim, c.req.param('id'), await jsonBody(c))),
  );
  app.patch('/Users/:id', async (c) =>
    scimJson(200, await patchUser(c.var.scim, c.req.param('id'), await jsonBody(c))),
  );
  app.delete('/Users/:id', async (c) => {
    await deleteUser(c.var.scim, c.req.param('id'));
    return c.body(null, 204);
  });

  app.get('/Groups', async (c) => scimStreamed(200, await listGroups(c.var.scim, listQuery(c))));
  app.post('/Groups', async (c) => {
    const group = await createGroup(c.var.scim, await jsonBody(c));
    return scimStreamed(201, group, locationHeader(group.resource));
  });
  app.get('/Groups/:id', async (c) =>
    scimStreamed(200, await getGroup(c.var.scim, c.req.param('id'), listQuery(c))),
  );
  app.put('/Groups/:id', async (c) =>
    scimStreamed(
      200,
      await replaceGroup(c.var.scim, c.req.param('id'), await jsonBody(c), listQuery(c)),
    ),
  );
  app.patch('/Groups/:id', async (c) =>
    scimStreamed(
      200,
      await patchGroup(c.var.scim, c.req.param('id'), await jsonBody(c), listQuery(c)),
    ),
  );
  app.delete('/Groups/:id', async (c) => {
    await deleteGroup(c.var.scim, c.req.param('id'));
    return c.body(null, 204);
  });

  // A catch-all route rather than notFound(): a mounted sub-app's notFound handler is not used.
  app.all('*', () => {
    throw notFound('No such SCIM endpoint');
  });

  return app;
}
