// SCIM error responses (RFC 7644 §3.12): thrown by services, rendered once by the app's error handler.

export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** The scimType values this endpoint uses (RFC 7644 table 9). */
export type ScimType =
  | 'invalidFilter'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'invalidValue'
  | 'noTarget'
  | 'mutability'
  | 'uniqueness'
  | 'tooMany';

export type ScimErrorStatus = 400 | 401 | 404 | 409 | 413 | 415 | 429 | 500 | 503;

export class ScimError extends Error {
  readonly status: ScimErrorStatus;
  readonly scimType: ScimType | undefined;

  constructor(status: ScimErrorStatus, detail: string, scimType?: ScimType) {
    super(detail);
    this.name = 'ScimError';
    this.status = status;
    this.scimType = scimType;
  }

  toJSON(): ScimErrorBody {
    return scimErrorBody(this.status, this.message, this.scimType);
  }
}

export interface ScimErrorBody {
  schemas: [typeof ERROR_SCHEMA];
  status: string;
  detail: string;
  scimType?: ScimType;
}

export function scimErrorBody(status: number, detail: string, scimType?: ScimType): ScimErrorBody {
  // RFC 7644 spells the status as a string.
  const body: ScimErrorBody = { schemas: [ERROR_SCHEMA], status: String(status), detail };
  if (scimType !== undefined) body.scimType = scimType;
  return body;
}

export const badRequest = (scimType: ScimType, detail: string) =>
  new ScimError(400, detail, scimType);

export const notFound = (detail: string) => new ScimError(404, detail);
