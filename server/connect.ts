// Connect unary adapter (JSON only): decode, validate with the contract schema, call the handler,
// encode like connect-go (camelCase, defaults omitted), and map errors to `{code, message}` + status.
import type { Context } from 'hono';
import type * as z from 'zod/mini';
import { ConnectError } from '../contracts/connect.ts';
import type { OrganizationRole } from '../contracts/identity.ts';
import type { Procedure } from '../contracts/procedures.ts';
import { isWellFormedText, readLimited } from './http-body.ts';
import type { LogSink } from './log.ts';

/** The authenticated caller every handler receives. */
export interface Caller {
  userId: string;
  organizationId: string;
  role: OrganizationRole;
}

export interface CallContext {
  caller: Caller;
  /** The raw HTTP request (e.g. for its origin); the body has already been read. */
  request: Request;
  /** Query parameters of the POST: the Stainless SDKs send `?token=&pageSize=` there. */
  query: URLSearchParams;
  /** `gitpod.v1.OrganizationService/ListSCIMConfigurations` */
  procedurePath: string;
}

/**
 * A response message a handler has already serialized as proto3 JSON (camelCase, defaults
 * omitted, exactly what `encodeMessage` + JSON.stringify would produce). For hot paths that can
 * build the JSON text faster than the object (e.g. a page of rows encoded by SQLite).
 * `T` only ties the text to the message type it stands for.
 */
export class EncodedMessage<T> {
  declare readonly _message?: T;
  constructor(readonly json: string) {}
}

/**
 * A list response from items already encoded as JSON: `{"<field>":[...],"pagination":{...}}`,
 * with the empty list omitted and `pagination` always present, as `encodeMessage` writes it.
 */
export function encodeListResponse<T>(
  field: string,
  items: readonly string[],
  pagination: { nextToken?: string },
): EncodedMessage<T> {
  const list = items.length > 0 ? `${JSON.stringify(field)}:[${items.join(',')}],` : '';
  return new EncodedMessage(`{${list}"pagination":${JSON.stringify(encodeMessage(pagination))}}`);
}

/** One registered RPC. Build with `connectMethod` so the handler is typed by the contract. */
export interface ConnectMethod {
  path: string;
  request: z.ZodMiniType;
  handle: (input: unknown, context: CallContext) => unknown;
}

export type Authenticate = (authorization: string | undefined) => Promise<Caller>;

export const MAX_REQUEST_BYTES = 64 * 1024;

export function connectMethod<Req extends z.ZodMiniType, Res extends z.ZodMiniType>(
  procedure: Procedure<Req, Res>,
  handler: (
    input: z.output<Req>,
    context: CallContext,
  ) =>
    | z.input<Res>
    | EncodedMessage<z.input<Res>>
    | Promise<z.input<Res> | EncodedMessage<z.input<Res>>>,
): ConnectMethod {
  return {
    path: procedure.path,
    request: procedure.request,
    // The adapter only calls this with the output of `procedure.request`'s parse.
    handle: (input, context) => handler(input as z.output<Req>, context),
  };
}

export function errorResponse(c: Context, error: ConnectError): Response {
  return c.json(error.toJSON(), error.httpStatus as 400);
}

// Connect asks for 415 on an unsupported codec; its body is not specified. We answer Connect JSON
// with `invalid_argument` so clients that read the body learn what to fix.
const jsonContentType = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

export interface ConnectRouterOptions {
  methods: readonly ConnectMethod[];
  authenticate: Authenticate;
  log: LogSink;
}

/** A Hono handler for `/api/<service>/<Method>`; mount it on `/api/*`. */
export function createConnectHandler(options: ConnectRouterOptions) {
  const byPath = new Map(options.methods.map((method) => [method.path, method]));
  return async (c: Context): Promise<Response> => {
    const path = c.req.path.replace(/^\/api\//, '');
    const method = byPath.get(path);
    if (!method) {
      // A bare 404 is what Connect clients read as `unimplemented`; the body says so explicitly.
      return c.json(new ConnectError('unimplemented', `unknown procedure /${path}`).toJSON(), 404);
    }
    if (c.req.method !== 'POST') {
      c.header('Allow', 'POST');
      return c.json(
        new ConnectError('unimplemented', `${c.req.method} is not supported: use POST`).toJSON(),
        405,
      );
    }
    if (!jsonContentType.test(c.req.header('content-type') ?? '')) {
      return c.json(
        new ConnectError('invalid_argument', 'content-type must be application/json').toJSON(),
        415,
      );
    }
    try {
      const body = await readBody(c.req.raw, MAX_REQUEST_BYTES);
      const caller = await options.authenticate(c.req.header('authorization'));
      const input = decodeMessage(body, method.request);
      const output = await method.handle(input, {
        caller,
        request: c.req.raw,
        query: queryOf(c.req.url),
        procedurePath: path,
      });
      const json =
        output instanceof EncodedMessage ? output.json : JSON.stringify(encodeMessage(output));
      return c.body(json, 200, jsonHeaders);
    } catch (error) {
      if (error instanceof ConnectError) return errorResponse(c, error);
      // Never echo the failure to the client: it may hold internals. Log the stack only.
      options.log.error(
        `/api/${path} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return errorResponse(c, new ConnectError('internal', 'internal error'));
    }
  };
}

const jsonHeaders = { 'content-type': 'application/json' };

/** The query string's parameters, without parsing the whole URL (most calls have none). */
function queryOf(url: string): URLSearchParams {
  const start = url.indexOf('?');
  if (start === -1) return new URLSearchParams();
  const end = url.indexOf('#', start);
  return new URLSearchParams(url.slice(start + 1, end === -1 ? undefined : end));
}

function tooLarge(): ConnectError {
  return new ConnectError('resource_exhausted', `request body exceeds ${MAX_REQUEST_BYTES} bytes`);
}

// Stateless between calls (no `stream` option), so one instance serves every request.
const utf8 = new TextDecoder('utf-8', { fatal: true });

async function readBody(request: Request, limit: number): Promise<string> {
  const bytes = await readLimited(request, limit);
  if (!bytes) throw tooLarge();
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ConnectError('invalid_argument', 'request body is not valid UTF-8');
  }
}

function decodeMessage(body: string, schema: z.ZodMiniType): unknown {
  let parsed: unknown;
  try {
    // connect-go rejects a zero-length payload too: it is not a JSON object.
    parsed = JSON.parse(body);
  } catch {
    throw new ConnectError('invalid_argument', 'request body is not valid JSON');
  }
  if (!isPlainObject(parsed)) {
    throw new ConnectError('invalid_argument', 'request body must be a JSON object');
  }
  try {
    const message = normalizeKeys(parsed, '', 1);
    const result = schema.safeParse(message);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    throw new ConnectError('invalid_argument', issue ? describeIssue(issue, message) : 'invalid');
  } catch (error) {
    // A stack overflow (or any other RangeError) while decoding is the message's fault, not ours.
    if (error instanceof RangeError) throw tooDeep();
    throw error;
  }
}

/** protojson's limit: messages, lists and values nested deeper than this are refused. */
export const MAX_NESTING_DEPTH = 100;

function tooDeep(): ConnectError {
  return new ConnectError(
    'invalid_argument',
    `the message is nested too deeply (at most ${MAX_NESTING_DEPTH} levels)`,
  );
}

function notText(fieldPath: string, what = 'must be valid UTF-8 text'): ConnectError {
  return new ConnectError('invalid_argument', fieldPath ? `${fieldPath}: ${what}` : what);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Only proper snake_case names are converted; anything else is kept (and then rejected as unknown).
const snakeCase = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/;
const snakeToCamel = (key: string) =>
  snakeCase.test(key)
    ? key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase())
    : key;

/**
 * proto3 JSON parsers accept the original snake_case field names as well as lowerCamelCase, and
 * read `null` as "not set". Object.fromEntries keeps a `__proto__` key an ordinary property.
 * Like protojson it refuses text that is not valid UTF-8 (JSON.parse lets `"\ud800"` through as a
 * lone surrogate, which SQLite would store as U+FFFD) and nesting deeper than MAX_NESTING_DEPTH.
 */
function normalizeKeys(value: unknown, path: string, depth: number): unknown {
  if (typeof value === 'string') {
    if (!isWellFormedText(value)) throw notText(path);
    return value;
  }
  if (typeof value !== 'object' || value === null) return value;
  if (depth > MAX_NESTING_DEPTH) throw tooDeep();
  if (Array.isArray(value)) {
    return value.map((item, index) => normalizeKeys(item, `${path}[${index}]`, depth + 1));
  }
  const entries: [string, unknown][] = [];
  const seen = new Set<string>();
  for (const [key, item] of Object.entries(value)) {
    if (!isWellFormedText(key)) throw notText(path, 'field names must be valid UTF-8 text');
    if (item === null) continue;
    const camel = snakeToCamel(key);
    const fieldPath = path ? `${path}.${camel}` : camel;
    if (seen.has(camel)) {
      throw new ConnectError('invalid_argument', `${fieldPath}: field given more than once`);
    }
    seen.add(camel);
    entries.push([camel, normalizeKeys(item, fieldPath, depth + 1)]);
  }
  return Object.fromEntries(entries);
}

type Issue = z.core.$ZodIssue;

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out;
}

function valueAt(message: unknown, path: readonly PropertyKey[]): unknown {
  let current = message;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

/** `field: message`, naming the field as the client spelled it in camelCase. */
function describeIssue(issue: Issue, message: unknown): string {
  const field = formatPath(issue.path);
  const prefix = field ? `${field}: ` : '';
  if (issue.code === 'unrecognized_keys') {
    const names = issue.keys.map((key) => (field ? `${field}.${key}` : key));
    return `unknown field${names.length > 1 ? 's' : ''} ${names.map((n) => `"${n}"`).join(', ')}`;
  }
  if (issue.code === 'invalid_type' && valueAt(message, issue.path) === undefined) {
    return `${prefix}is required`;
  }
  if (issue.message && issue.message !== 'Invalid input') return `${prefix}${issue.message}`;
  if (issue.code === 'invalid_type') return `${prefix}must be of type ${issue.expected}`;
  return `${prefix}is invalid`;
}

/**
 * proto3 JSON output as connect-go writes it: fields holding their default value (false, 0, '',
 * empty list, unset) are omitted. Nested messages stay, even when empty (`pagination: {}`).
 */
export function encodeMessage(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(encodeMessage);
  if (!isPlainObject(value)) return value;
  const entries: [string, unknown][] = [];
  for (const [key, item] of Object.entries(value)) {
    if (
      item === undefined ||
      item === null ||
      item === false ||
      item === 0 ||
      item === '' ||
      (Array.isArray(item) && item.length === 0)
    ) {
      continue;
    }
    entries.push([key, encodeMessage(item)]);
  }
  return Object.fromEntries(entries);
}
