// Puts a server refusal where the admin will look: on the field it names, else at the top of the form.
import { ConnectError } from '#contracts/connect.ts';
import { describeError } from '../../../lib/error-messages.ts';

export interface ServerErrorTarget<Field extends string> {
  field?: Field;
  message: string;
}

/**
 * The reference backend answers rule violations as `field: message` (e.g. `name: must be at most
 * 128 characters`); `fieldFor` maps the wire field to a form field.
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
  return { message: describeError(error) };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
