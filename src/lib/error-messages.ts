// Connect errors in words an admin can act on. The server's own message is kept where it explains more.
import type { ConnectCode } from '#contracts/connect.ts';
import { ConnectError } from '#contracts/connect.ts';

const messages: Partial<Record<ConnectCode, string>> = {
  unauthenticated: 'Your session ended. Sign in again.',
  permission_denied: 'You need to be an organization admin to do this.',
  not_found: 'This configuration no longer exists.',
  unavailable: "The API can't be reached. Check your connection and try again.",
  deadline_exceeded: 'The API took too long to answer. Try again.',
  resource_exhausted: 'Too many requests. Wait a moment and try again.',
  unimplemented: "The API doesn't support this operation.",
  canceled: 'The request was canceled.',
};

function isSsoConfigurationMessage(message: string): boolean {
  return /^SSO configuration\b/i.test(message);
}

/** A sentence for the UI; codes whose server message is the explanation pass it through. */
export function describeError(error: unknown): string {
  if (!(error instanceof ConnectError)) {
    return error instanceof Error ? error.message : 'Something went wrong.';
  }
  switch (error.code) {
    case 'invalid_argument':
    case 'failed_precondition':
    case 'already_exists':
    case 'out_of_range':
    case 'aborted':
      return error.rawMessage || 'The server refused the request.';
    case 'internal':
    case 'unknown':
    case 'data_loss':
      return `The server had a problem${error.rawMessage ? `: ${error.rawMessage}` : '.'}`;
    case 'not_found':
      return isSsoConfigurationMessage(error.rawMessage)
        ? 'This SSO configuration no longer exists.'
        : (messages.not_found ?? error.rawMessage);
    default:
      return messages[error.code] ?? error.rawMessage;
  }
}
