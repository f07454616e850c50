// Puts a server refusal where the admin will look: on the field it concerns, else at the top of the
// form. Decided by the Connect code and the fields the request carried, never by the wording of the
// message (proxy mode talks to the real Ona API, whose messages are its own).
import { ConnectError } from '#contracts/connect.ts';
import type { SsoConfiguration } from '#contracts/sso-configurations.ts';
import { describeError } from '../../../lib/error-messages.ts';
import { isSsoActive } from '../api/sso-configuration-queries.ts';

export const SSO_CONFIGURATION_GONE = 'This SSO configuration no longer exists. Pick another one.';

export interface ServerErrorTarget<Field extends string> {
  field?: Field;
  message: string;
  /**
   * The chosen SSO configuration was deleted (`missing`) or deactivated (`inactive`) since the
   * picker loaded: its list is out of date.
   */
  sso?: 'missing' | 'inactive';
}

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The request field a validation message names as a field path: `name: …` (this backend, Connect
 * style) or `- token_expires_in: …` (protovalidate, in proto's snake_case), also nested (`a.b:`).
 */
export function violatedField(
  message: string,
  requestFields: readonly string[],
): string | undefined {
  for (const field of requestFields) {
    const names = [field, snakeCase(field)].map(escapeRegExp).join('|');
    if (new RegExp(`(?:^|[\\s-])(?:${names})(?:\\.[\\w.]+)?:`, 'm').test(message)) return field;
  }
  return undefined;
}

/** The message without the field path in front ("must be at most 128 characters"). */
function withoutFieldPath(message: string): string {
  const stripped = message.replace(/^(?:validation error:\s*-?\s*)?[A-Za-z_][\w.]*:\s*/s, '');
  const text = stripped.trim() || message;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function serverErrorTarget<Field extends string>(
  error: unknown,
  request: Readonly<Record<string, unknown>>,
  fieldFor: (wireField: string) => Field | undefined,
): ServerErrorTarget<Field> {
  if (!(error instanceof ConnectError)) return { message: describeError(error) };
  const sent = Object.keys(request).filter((key) => request[key] !== undefined);
  if (error.code === 'invalid_argument' || error.code === 'out_of_range') {
    const wireField = violatedField(error.rawMessage, sent);
    const field = wireField ? fieldFor(wireField) : undefined;
    if (field) return { field, message: withoutFieldPath(error.rawMessage) };
  }
  const ssoId = request.ssoConfigurationId;
  if (typeof ssoId === 'string' && ssoId) {
    const field = fieldFor('ssoConfigurationId');
    // The SCIM configuration itself can be missing too: a message naming its id is about that.
    const scimId = request.scimConfigurationId;
    const aboutScimConfiguration = typeof scimId === 'string' && error.rawMessage.includes(scimId);
    if (error.code === 'not_found' && !aboutScimConfiguration) {
      const target = { message: SSO_CONFIGURATION_GONE, sso: 'missing' as const };
      return field ? { ...target, field } : target;
    }
    if (error.code === 'failed_precondition') {
      const target = { message: describeError(error), sso: 'inactive' as const };
      return field ? { ...target, field } : target;
    }
  }
  return { message: describeError(error) };
}

/**
 * A refusal that may be about the chosen SSO configuration (`sso` set) is only put on its field once
 * the reloaded list confirms it: gone for not_found, no longer active for failed_precondition.
 * Otherwise (an organization-level precondition, say) it goes to the top of the form.
 */
function confirmSsoTarget<Field extends string>(
  target: ServerErrorTarget<Field>,
  error: unknown,
  chosenSsoId: string,
  fresh: readonly SsoConfiguration[] | undefined,
): ServerErrorTarget<Field> {
  if (!target.sso || fresh === undefined) return target;
  const chosen = fresh.find((sso) => sso.id === chosenSsoId);
  const confirmed =
    target.sso === 'missing' ? !chosen : chosen !== undefined && !isSsoActive(chosen);
  return confirmed ? target : { message: describeError(error) };
}

/**
 * Places a refusal through `place`: at once, or, when it may be about the chosen SSO configuration,
 * once the reloaded SSO list confirms it (`onSsoMissing` first, when that configuration is gone).
 */
export function placeServerError<Field extends string>(
  target: ServerErrorTarget<Field>,
  {
    error,
    chosenSsoId,
    refreshSso,
    place,
    onSsoMissing,
  }: {
    error: unknown;
    chosenSsoId: string;
    refreshSso: () => Promise<readonly SsoConfiguration[] | undefined>;
    place: (final: ServerErrorTarget<Field>) => void;
    onSsoMissing: () => void;
  },
): void {
  if (!target.sso) {
    place(target);
    return;
  }
  void refreshSso().then((fresh) => {
    const final = confirmSsoTarget(target, error, chosenSsoId, fresh);
    if (final.sso === 'missing') onSsoMissing();
    place(final);
  });
}
