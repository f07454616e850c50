// Puts a server refusal where the admin will look: on the field it names, else at the top of the form.
import { ConnectError } from '#contracts/connect.ts';
import { describeError, isAboutSsoConfiguration } from '../../../lib/error-messages.ts';

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

/**
 * The reference backend answers rule violations as `field: message` (e.g. `name: must be at most
 * 128 characters`), and a missing or inactive SSO configuration as not_found / failed_precondition
 * whose message starts with "SSO configuration"; `fieldFor` maps the wire field to a form field.
 */
export function serverErrorTarget<Field extends string>(
  error: unknown,
  fieldFor: (wireField: string) => Field | undefined,
): ServerErrorTarget<Field> {
  if (error instanceof ConnectError && error.code === 'invalid_argument') {
    const match = /^([A-Za-z_][\w.]*): (.+)$/.exec(error.rawMessage);
    const field = match?.[1] ? fieldFor(match[1]) : undefined;
    if (field && match?.[2]) return { field, message: capitalize(match[2]) };
  }
  if (isAboutSsoConfiguration(error)) {
    const sso = error.code === 'not_found' ? 'missing' : 'inactive';
    const message = sso === 'missing' ? SSO_CONFIGURATION_GONE : capitalize(error.rawMessage);
    const field = fieldFor('ssoConfigurationId');
    return field ? { field, message, sso } : { message, sso };
  }
  return { message: describeError(error) };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
