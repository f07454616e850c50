// Connect protocol error model shared by the SPA and the reference backend.
// Tables follow the Connect specification (connectrpc.com/docs/protocol) and connect-es.

export const connectCodes = [
  'canceled',
  'unknown',
  'invalid_argument',
  'deadline_exceeded',
  'not_found',
  'already_exists',
  'permission_denied',
  'resource_exhausted',
  'failed_precondition',
  'aborted',
  'out_of_range',
  'unimplemented',
  'internal',
  'unavailable',
  'data_loss',
  'unauthenticated',
] as const;

export type ConnectCode = (typeof connectCodes)[number];

export const httpStatusByCode: Readonly<Record<ConnectCode, number>> = {
  canceled: 499,
  unknown: 500,
  invalid_argument: 400,
  deadline_exceeded: 504,
  not_found: 404,
  already_exists: 409,
  permission_denied: 403,
  resource_exhausted: 429,
  failed_precondition: 400,
  aborted: 409,
  out_of_range: 400,
  unimplemented: 501,
  internal: 500,
  unavailable: 503,
  data_loss: 500,
  unauthenticated: 401,
};

/** How a client reads an HTTP status when the error body is not Connect JSON. */
export function codeFromHttpStatus(status: number): ConnectCode {
  switch (status) {
    case 400:
      return 'internal';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'permission_denied';
    case 404:
      return 'unimplemented';
    case 429:
    case 502:
    case 503:
    case 504:
      return 'unavailable';
    default:
      return 'unknown';
  }
}

export function isConnectCode(value: unknown): value is ConnectCode {
  return typeof value === 'string' && (connectCodes as readonly string[]).includes(value);
}

export class ConnectError extends Error {
  override readonly name = 'ConnectError';
  readonly code: ConnectCode;
  /** The message as the server sent it, without the `[code]` prefix. */
  readonly rawMessage: string;

  constructor(code: ConnectCode, rawMessage: string) {
    super(rawMessage ? `[${code}] ${rawMessage}` : `[${code}]`);
    this.code = code;
    this.rawMessage = rawMessage;
  }

  get httpStatus(): number {
    return httpStatusByCode[this.code];
  }

  /** The JSON body of a Connect unary error response. */
  toJSON(): { code: ConnectCode; message?: string } {
    return this.rawMessage ? { code: this.code, message: this.rawMessage } : { code: this.code };
  }
}

/** Decodes a Connect error body; anything else falls back to the HTTP status. */
export function connectErrorFromResponse(status: number, body: unknown): ConnectError {
  if (typeof body === 'object' && body !== null) {
    const { code, message } = body as { code?: unknown; message?: unknown };
    if (isConnectCode(code)) {
      return new ConnectError(code, typeof message === 'string' ? message : '');
    }
  }
  return new ConnectError(codeFromHttpStatus(status), `HTTP ${status}`);
}
