// The Connect edge: serves every RPC under /api with connect-es (Connect JSON and binary, POST and
// GET, gRPC-web), and validates each request with its zod contract whatever the encoding.
// Handlers see typed requests in their proto3 JSON form, as the SPA writes them.
import { setMaxListeners } from 'node:events';
import {
  create,
  type DescMessage,
  type DescMethod,
  type DescMethodUnary,
  type DescService,
  fromJson,
  type JsonValue,
  type Message,
  toJson,
} from '@bufbuild/protobuf';
import { MethodOptions_IdempotencyLevel } from '@bufbuild/protobuf/wkt';
import {
  createConnectRouter,
  createContextKey,
  createContextValues,
  type HandlerContext,
  ConnectError as RpcError,
} from '@connectrpc/connect';
import {
  compressionNegotiate,
  createMethodSerializationLookup,
  type MethodSerializationLookup,
  type UniversalHandler,
  type UniversalServerResponse,
  validateReadWriteMaxBytes,
} from '@connectrpc/connect/protocol';
import {
  codeFromString,
  contentTypeUnaryJson,
  contentTypeUnaryProto,
  parseContentType,
} from '@connectrpc/connect/protocol-connect';
import { compressionBrotli, compressionGzip } from '@connectrpc/connect-node';
import type { Context } from 'hono';
import type * as z from 'zod/mini';
import { ConnectError } from '../contracts/connect.ts';
import type { Procedure } from '../contracts/procedures.ts';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from './db/connection-errors.ts';
import { createListEncoder, EncodedList, type ListEncoder } from './encoded-list.ts';
import { IdentityService } from './gen/gitpod/v1/identity_pb.ts';
import { OrganizationService } from './gen/gitpod/v1/organization_pb.ts';
import { UserService } from './gen/gitpod/v1/user_pb.ts';
import { ProvisioningActivityService } from './gen/scimadmin/v1/provisioning_activity_pb.ts';
import { decodeUtf8, readLimited } from './http-body.ts';
import type { LogSink } from './log.ts';
import type { Authenticate } from './services/authentication.ts';
import type { Caller } from './services/service-context.ts';

/** Every service this backend knows the descriptors of. */
export const services: readonly DescService[] = [
  OrganizationService,
  IdentityService,
  UserService,
  ProvisioningActivityService,
];

/** What a handler gets besides its typed request: HTTP details stay at the edge. */
export interface CallContext {
  caller: Caller;
  /** The origin the request addressed (`https://admin.example.com`): names this server's URLs. */
  origin: string;
}

/** One RPC. Build with `connectMethod` so the handler is typed by the contract. */
export interface ConnectMethod {
  path: string;
  request: z.ZodMiniType;
  handle: (input: unknown, context: CallContext) => unknown;
}

export const MAX_REQUEST_BYTES = 64 * 1024;

export function connectMethod<Req extends z.ZodMiniType, Res extends z.ZodMiniType>(
  procedure: Procedure<Req, Res>,
  handler: (
    input: z.output<Req>,
    context: CallContext,
  ) => z.input<Res> | EncodedList<z.input<Res>> | Promise<z.input<Res> | EncodedList<z.input<Res>>>,
): ConnectMethod {
  return {
    path: procedure.path,
    request: procedure.request,
    // The edge only calls this with the output of `procedure.request`'s parse.
    handle: (input, context) => handler(input as z.output<Req>, context),
  };
}

/** A Connect error as Connect JSON with its HTTP status (what a Connect client reads). */
export function errorResponse(c: Context, error: ConnectError): Response {
  return c.json(error.toJSON(), error.httpStatus as 400);
}

export interface ConnectHandlerOptions {
  methods: readonly ConnectMethod[];
  authenticate: Authenticate;
  log: LogSink;
  /** Told of each call answered on the direct path (see `directRead`); for tests. */
  onDirectAnswer?: (path: string) => void;
}

interface CallState {
  caller: Caller;
  url: string;
  /** A list POST's query: the Stainless SDKs send `?token=&pageSize=` there. */
  query: URLSearchParams | undefined;
  /** A Connect answer the edge encoded itself (an EncodedList), sent as it is. */
  encoded: { body?: string | Uint8Array<ArrayBuffer> };
}

const callState = createContextKey<CallState | undefined>(undefined);

/**
 * A Hono handler for `/api/<service>/<Method>`; mount it on `/api/*`.
 *
 * Why connect-es's universal handler inside Hono, not `connectNodeAdapter` on a node:http server
 * beside it: measured on the list's first page of 100, in turns on one loaded 2-core machine
 * (`BENCH_ONLY=adapter BENCH_DATABASE=sqlite npm run bench`, 2026-12-01, two runs), the adapter
 * served 0.27 and 0.59 of this handler's Connect JSON throughput (151 vs 570 req/s; 77 vs 130)
 * and 0.42 and 0.50 of its binary (183 vs 437; 93 vs 187). The adapter serializes every answer
 * itself, so a page the database already wrote cannot go out as it is (see EncodedList), and
 * /api would lose Hono's middleware (throttle, CORS, no-store, request log) besides.
 */
export function createConnectHandler(options: ConnectHandlerOptions) {
  const router = createConnectRouter({
    // gRPC needs HTTP/2 trailers, which the HTTP/1.1 server does not give: Connect and gRPC-web only.
    grpc: false,
    readMaxBytes: MAX_REQUEST_BYTES,
    jsonOptions,
    acceptCompression,
  });
  const directReads = new Map<string, DirectRead>();
  const descriptors = new Map<string, DescMethodUnary>();
  for (const service of services) {
    for (const method of service.methods) {
      if (isUnary(method)) descriptors.set(`${service.typeName}/${method.name}`, method);
    }
  }
  // The list methods: their request has a `pagination` the query's parameters are merged into.
  const paginated = new Set<string>();
  for (const method of options.methods) {
    const descriptor = descriptors.get(method.path);
    if (!descriptor) throw new Error(`no unary RPC ${method.path} in proto/`);
    if (descriptor.input.fields.some((field) => field.name === 'pagination')) {
      paginated.add(`/${method.path}`);
    }
    const call = registeredCall(method, descriptor);
    router.rpc<DescMethodUnary>(descriptor, implement(call, options.log));
    if (descriptor.idempotency === MethodOptions_IdempotencyLevel.NO_SIDE_EFFECTS) {
      directReads.set(`/${method.path}`, {
        call,
        serialization: createMethodSerializationLookup(descriptor, undefined, jsonOptions, limits),
      });
    }
  }
  const handlers = new Map<string, UniversalHandler>(
    router.handlers.map((handler) => [handler.requestPath, handler]),
  );
  const contracts = new Map(options.methods.map((method) => [`/${method.path}`, method.request]));

  return async (c: Context): Promise<Response> => {
    const path = c.req.path.replace(/^\/api/, '');
    const handler = handlers.get(path);
    if (!handler) {
      // A bare 404 is what Connect clients read as `unimplemented`; the body says so explicitly.
      return c.json(new ConnectError('unimplemented', `unknown procedure ${path}`).toJSON(), 404);
    }
    let caller: Caller;
    try {
      // Before the body, the content type or anything else: who is calling.
      caller = await options.authenticate(c.req.header('authorization'));
    } catch (error) {
      if (error instanceof ConnectError) return protocolError(c, error);
      if (isDatabaseUnavailable(error)) return protocolError(c, databaseUnavailable());
      throw error;
    }
    // The body is read once, bounded, through @hono/node-server's fast path: no web stream, no
    // copy of the request. connect-es decodes it; a refused JSON body is explained from the bytes.
    const body = await readLimited(c.req.raw, MAX_REQUEST_BYTES);
    if (!body) {
      return protocolError(
        c,
        new ConnectError('resource_exhausted', `request body exceeds ${MAX_REQUEST_BYTES} bytes`),
      );
    }
    const state: CallState = {
      caller,
      url: c.req.url,
      query: c.req.method === 'POST' && paginated.has(path) ? queryOf(c.req.url) : undefined,
      encoded: {},
    };
    const direct = directReads.get(path);
    if (direct) {
      const answered = await directRead(c, direct, body, state);
      if (answered) {
        options.onDirectAnswer?.(path);
        return answered;
      }
    }
    const answer = await handler({
      httpVersion: '1.1',
      method: c.req.method,
      url: c.req.url,
      header: c.req.raw.headers,
      body: singleChunk(body),
      // Not the request's own signal: @hono/node-server makes one per request on first use, and
      // nothing here can stop early (a unary answer is computed in one go either way).
      signal: neverAborted,
      contextValues: createContextValues().set(callState, state),
    });
    if (state.encoded.body !== undefined && answer.status === 200 && answer.header) {
      // The empty message connect-es encoded is dropped unread; its headers stand, but its length.
      answer.header.delete('content-length');
      return new Response(state.encoded.body, { status: 200, headers: answer.header });
    }
    const response = await bufferedResponse(answer);
    if (response.status === 405) {
      const allow = handler.allowedMethods.join(', ');
      return connectJson(
        new ConnectError('unimplemented', `${c.req.method} is not supported: use ${allow}`),
        405,
        { allow },
      );
    }
    if (response.status === 415) {
      return connectJson(
        new ConnectError(
          'invalid_argument',
          'content-type must be application/json, application/proto or application/grpc-web',
        ),
        415,
      );
    }
    if (response.status === 500) return explainBinaryRefusal(response);
    if (grpcWebContentType.test(response.headers.get('content-type') ?? '')) {
      return explainGrpcWebRefusal(response);
    }
    const contract = contracts.get(path);
    const isJson = jsonContentType.test(c.req.header('content-type') ?? '');
    if (response.status !== 400 || !isJson || !contract) return response;
    return explainRefusal(response, body, contract);
  };
}

/**
 * The signal every call's context is linked to. connect-es adds a listener per call and removes it
 * when the call ends (connect.test.ts holds it to that), so concurrent calls may add many.
 */
export const neverAborted = new AbortController().signal;
setMaxListeners(0, neverAborted);

async function* singleChunk(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}

/**
 * connect-es's answer as a Response with its whole body: unary answers are small, and a buffered
 * body is written in one go by @hono/node-server, where a stream costs a pipe per response.
 */
async function bufferedResponse(answer: UniversalServerResponse): Promise<Response> {
  const chunks: Uint8Array[] = [];
  if (answer.body) for await (const chunk of answer.body) chunks.push(chunk);
  const body = chunks.length === 0 ? null : Buffer.concat(chunks);
  return new Response(body, {
    status: answer.status,
    ...(answer.header ? { headers: answer.header } : {}),
  });
}

/** connect-es answers an unsupported HTTP method or codec with no body: ours is Connect JSON. */
function connectJson(
  error: ConnectError,
  status: number,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(error.toJSON()), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

const jsonContentType = /^application\/json\s*(?:;|$)/i;

/**
 * connect-es answers a binary body it cannot parse as `internal` ("parse binary: premature
 * EOF"): the mistake is the client's, and connect-go answers it `invalid_argument`, so do we.
 */
function binaryParseRefusal(message: unknown): ConnectError | undefined {
  const prefix = 'parse binary: ';
  if (typeof message !== 'string' || !message.startsWith(prefix)) return undefined;
  const reason = message.slice(prefix.length);
  return new ConnectError(
    'invalid_argument',
    `request body is not a valid protobuf message: ${reason}`,
  );
}

async function explainBinaryRefusal(response: Response): Promise<Response> {
  const body = await response.text();
  let message: unknown;
  try {
    ({ message } = JSON.parse(body) as { message?: unknown });
  } catch {
    // Not a Connect error body: passed on as it is.
  }
  const refusal = binaryParseRefusal(message);
  if (!refusal) return new Response(body, { status: response.status, headers: response.headers });
  return connectJson(refusal, 400);
}

const grpcWebContentType = /^application\/grpc-web/i;
const GRPC_WEB_TRAILER_FLAG = 0x80;
const GRPC_INVALID_ARGUMENT = 3;

/**
 * gRPC-web carries the same refusal in a trailers-only body (status 200, one trailer frame with
 * `grpc-status: 13`): rewritten as `grpc-status: 3` with our message, as connect-go answers.
 */
async function explainGrpcWebRefusal(response: Response): Promise<Response> {
  const body = new Uint8Array(await response.arrayBuffer());
  const passOn = () => new Response(body, { status: response.status, headers: response.headers });
  if (body.length < 5 || body[0] !== GRPC_WEB_TRAILER_FLAG) return passOn();
  const trailer = new TextDecoder().decode(body.subarray(5));
  const fields = new Map(
    trailer
      .split('\r\n')
      .map((line) => line.split(/:\s*/, 2) as [string, string | undefined])
      .filter((field): field is [string, string] => field[1] !== undefined)
      .map(([name, value]) => [name.toLowerCase(), value]),
  );
  const encoded = fields.get('grpc-message');
  if (fields.get('grpc-status') !== '13' || encoded === undefined) return passOn();
  const refusal = binaryParseRefusal(decodeURIComponent(encoded));
  if (!refusal) return passOn();
  const text = new TextEncoder().encode(
    `grpc-status: ${GRPC_INVALID_ARGUMENT}\r\ngrpc-message: ${encodeURIComponent(refusal.rawMessage)}\r\n`,
  );
  const frame = new Uint8Array(5 + text.length);
  frame[0] = GRPC_WEB_TRAILER_FLAG;
  new DataView(frame.buffer).setUint32(1, text.length);
  frame.set(text, 5);
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(frame, { status: 200, headers });
}

/**
 * connect-es refuses a JSON body it cannot decode with the decoder's words ("cannot decode message
 * google.protobuf.Duration from JSON: \"90d\""). The zod contract names the field and the rule, so
 * a refused JSON request is answered with its first issue instead, when it finds one.
 */
async function explainRefusal(
  response: Response,
  requestBody: Uint8Array,
  contract: z.ZodMiniType,
): Promise<Response> {
  const body = await response.text();
  const refused = (): Response =>
    new Response(body, { status: response.status, headers: response.headers });
  let error: unknown;
  try {
    error = JSON.parse(body);
  } catch {
    return refused();
  }
  const { message } = (error ?? {}) as { message?: unknown };
  if (typeof message !== 'string' || !message.startsWith('cannot decode')) return refused();
  const text = decodeUtf8(requestBody);
  const explained = text === undefined ? undefined : explain(text, contract);
  if (!explained) return refused();
  const answer = new ConnectError('invalid_argument', explained);
  return new Response(JSON.stringify(answer.toJSON()), {
    status: 400,
    headers: { 'content-type': 'application/json' },
  });
}

function explain(text: string, contract: z.ZodMiniType): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'request body is not valid JSON';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return 'request body must be a JSON object';
  }
  try {
    const message = camelCaseKeys(parsed);
    const result = contract.safeParse(message);
    const issue = result.success ? undefined : result.error.issues[0];
    return issue ? describeIssue(issue, message) : undefined;
  } catch (error) {
    // Nesting too deep to walk: connect-es's own refusal stands.
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

// proto3 JSON accepts the original snake_case names too, and reads `null` as unset.
const snakeCase = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/;

function camelCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelCaseKeys);
  if (typeof value !== 'object' || value === null) return value;
  const entries: [string, unknown][] = [];
  for (const [key, item] of Object.entries(value)) {
    if (item === null) continue;
    const name = snakeCase.test(key)
      ? key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase())
      : key;
    entries.push([name, camelCaseKeys(item)]);
  }
  return Object.fromEntries(entries);
}

function isUnary(method: DescMethod): method is DescMethodUnary {
  return method.methodKind === 'unary';
}

/** The database cannot be reached now: the caller backs off and retries (Connect's advice). */
function databaseUnavailable(): ConnectError {
  return new ConnectError('unavailable', DATABASE_UNAVAILABLE_MESSAGE);
}

/** An error in the protocol the request speaks: gRPC-web reads it from headers, Connect from JSON. */
function protocolError(c: Context, error: ConnectError): Response {
  const contentType = c.req.header('content-type') ?? '';
  if (/^application\/grpc-web/i.test(contentType)) {
    return new Response(null, {
      status: 200,
      headers: {
        'content-type': 'application/grpc-web+proto',
        'grpc-status': String(codeFromString(error.code)),
        'grpc-message': encodeURIComponent(error.rawMessage),
      },
    });
  }
  return errorResponse(c, error);
}

/** One RPC as both paths call it: the handler, its descriptor, its list encoder. */
interface RegisteredCall {
  method: ConnectMethod;
  descriptor: DescMethodUnary;
  lists(): ListEncoder;
}

function registeredCall(method: ConnectMethod, descriptor: DescMethodUnary): RegisteredCall {
  let lists: ListEncoder | undefined;
  return {
    method,
    descriptor,
    lists: () => {
      lists ??= createListEncoder(descriptor.output);
      return lists;
    },
  };
}

/** The request decoded and validated, and the handler's answer. */
async function callHandler(call: RegisteredCall, message: Message, state: CallState) {
  const { method, descriptor } = call;
  const input = decodeInput(method, descriptor.input, message, state.query);
  return method.handle(input, {
    caller: state.caller,
    // Parsed only by the few handlers that name this server's URLs.
    get origin() {
      return new URL(state.url).origin;
    },
  });
}

function implement(call: RegisteredCall, log: LogSink) {
  const { method, descriptor } = call;
  return async (message: Message, context: HandlerContext) => {
    const state = context.values.get(callState);
    if (!state) throw new RpcError('internal error', codeFromString('internal'));
    try {
      const output = await callHandler(call, message, state);
      if (output instanceof EncodedList) {
        // A page of rows the database wrote as JSON, on a Connect call the direct path left here
        // (a GET, a timeout, a compressed body): the edge encodes the answer itself. connect-es
        // serializes the empty message instead, too small to be compressed, and the edge swaps it.
        const codec = connectCodec(context);
        if (codec === undefined) return call.lists().message(output);
        state.encoded.body = codec === 'json' ? output.json : call.lists().binary(output);
        return create(descriptor.output);
      }
      return fromJson(descriptor.output, withoutUndefined(output) as JsonValue);
    } catch (error) {
      if (error instanceof ConnectError) {
        throw new RpcError(error.rawMessage, codeFromString(error.code));
      }
      if (isDatabaseUnavailable(error)) {
        throw new RpcError(DATABASE_UNAVAILABLE_MESSAGE, codeFromString('unavailable'));
      }
      // Never echo the failure to the client: it may hold internals. Log the stack only.
      log.error(
        `/api/${method.path} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      throw new RpcError('internal error', codeFromString('internal'));
    }
  };
}

// As connect-go's protojson: an unknown JSON field is refused (binary ones are skipped).
const jsonOptions = { ignoreUnknownFields: false };
const acceptCompression = [compressionGzip, compressionBrotli];
// The router's own limits (its defaults beside our read limit), for the direct path's codecs.
const limits = validateReadWriteMaxBytes(MAX_REQUEST_BYTES, undefined, undefined);

interface DirectRead {
  call: RegisteredCall;
  /** connect-es's own parsers and serializers of the method, with the router's options. */
  serialization: MethodSerializationLookup<DescMessage, DescMessage>;
}

/**
 * The console's hot path without connect-es's per-call machinery: a Connect unary POST of a read
 * (`NO_SIDE_EFFECTS`), uncompressed and without a timeout, is decoded and encoded here with
 * connect-es's own content-type parser and serializers, and answered with the same status,
 * headers and bytes (connect-direct.test.ts compares every such answer with the universal
 * handler's). The handler context, linked abort signals and stream plumbing the universal handler
 * builds for every call cost about 200 µs a call: a 100-row list page took 550 µs of server CPU with
 * them and 350 µs without (`npm run bench` for throughput). Anything else, any failure
 * and any answer connect-es would compress returns undefined, and the universal handler answers
 * the call as always: a read may then run twice, a write never takes this path.
 */
async function directRead(
  c: Context,
  direct: DirectRead,
  body: Uint8Array,
  state: CallState,
): Promise<Response | undefined> {
  if (c.req.method !== 'POST') return undefined;
  if (c.req.header('content-encoding') !== undefined) return undefined;
  if (c.req.header('connect-timeout-ms') !== undefined) return undefined;
  const type = parseContentType(c.req.header('content-type') ?? null);
  if (!type || type.stream) return undefined;
  const { call, serialization } = direct;
  try {
    const output = await callHandler(call, serialization.getI(type.binary).parse(body), state);
    let bytes: string | Uint8Array<ArrayBuffer>;
    if (output instanceof EncodedList) {
      bytes = type.binary ? call.lists().binary(output) : output.json;
    } else {
      const message = fromJson(call.descriptor.output, withoutUndefined(output) as JsonValue);
      const encoded = serialization.getO(type.binary).serialize(message);
      const accepted = c.req.header('accept-encoding') ?? null;
      const compression = compressionNegotiate(
        acceptCompression,
        null,
        accepted,
        'accept-encoding',
      );
      if (compression.response && encoded.byteLength >= limits.compressMinBytes) return undefined;
      bytes = new Uint8Array(encoded);
    }
    const contentType = type.binary ? contentTypeUnaryProto : contentTypeUnaryJson;
    return new Response(bytes, { status: 200, headers: { 'content-type': contentType } });
  } catch {
    return undefined;
  }
}

/**
 * The request in proto3 JSON form (whatever encoding it came in), with the query's pagination
 * merged in, checked by its zod contract: the one place validation rules are written.
 */
function decodeInput(
  method: ConnectMethod,
  schema: DescMessage,
  message: Message,
  query: URLSearchParams | undefined,
): unknown {
  const json = toJson(schema, message) as Record<string, JsonValue>;
  if (query) mergeQueryPagination(json, query);
  const result = method.request.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new ConnectError('invalid_argument', issue ? describeIssue(issue, json) : 'invalid');
}

/**
 * Stainless SDKs put `token`/`pageSize` in the query of a list POST and keep the body unchanged
 * across pages: the query token wins; the size comes from the body, else the query.
 */
function mergeQueryPagination(json: Record<string, JsonValue>, query: URLSearchParams): void {
  if (query.size === 0) return;
  const token = query.get('token');
  const pageSize = query.get('pageSize') ?? query.get('page_size');
  const body = (json.pagination ?? {}) as Record<string, JsonValue>;
  const pagination: Record<string, JsonValue> = { ...body };
  if (token) pagination.token = token;
  if (!body.pageSize && pageSize !== null && pageSize !== '') pagination.pageSize = pageSize;
  json.pagination = pagination;
}

const protoContentType = /^application\/proto\s*(?:;|$)/i;

/** The codec of a Connect unary call (POST by content type, GET by `encoding`); else undefined. */
function connectCodec(context: HandlerContext): 'json' | 'binary' | undefined {
  if (context.protocolName !== 'connect') return undefined;
  if (context.requestMethod === 'GET') {
    const encoding = /[?&]encoding=(json|proto)(?:&|$)/.exec(context.url)?.[1];
    return encoding === 'json' ? 'json' : encoding === 'proto' ? 'binary' : undefined;
  }
  const contentType = context.requestHeader.get('content-type') ?? '';
  if (jsonContentType.test(contentType)) return 'json';
  return protoContentType.test(contentType) ? 'binary' : undefined;
}

function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (typeof value !== 'object' || value === null) return value;
  const entries: [string, unknown][] = [];
  for (const [key, item] of Object.entries(value)) {
    if (item !== undefined) entries.push([key, withoutUndefined(item)]);
  }
  return Object.fromEntries(entries);
}

/** The query string's parameters, without parsing the whole URL (most calls have none). */
function queryOf(url: string): URLSearchParams {
  const start = url.indexOf('?');
  if (start === -1) return new URLSearchParams();
  const end = url.indexOf('#', start);
  return new URLSearchParams(url.slice(start + 1, end === -1 ? undefined : end));
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

/** `field: message`, naming the field in camelCase. */
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
