import { useMutation } from '@tanstack/react-query';
import { procedures } from '#contracts/procedures.ts';
import { callUnary } from '../../../lib/connect-client.ts';
import { startSession } from '../../../lib/session.ts';

/** Checks the token against the API before keeping it, so a typo never becomes a session. */
export function useSignIn() {
  return useMutation({
    mutationFn: async (token: string) => {
      await callUnary(procedures.getAuthenticatedIdentity, {}, { token });
      return token;
    },
    onSuccess: (token) => startSession(token),
    gcTime: 0,
  });
}
