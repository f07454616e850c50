import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { procedures } from '#contracts/procedures.ts';
import { callUnary } from '../lib/connect-client.ts';
import { useConnectivity } from '../lib/connectivity.ts';

/** While the API is unreachable, ask it this often whether it is back (the banner clears in < 5 s). */
export const API_PROBE_INTERVAL_MS = 2_500;

/** Asks the API a cheap question while it is unreachable; any answer clears the banner. */
function useProbeWhileUnreachable(unreachable: boolean) {
  const queryClient = useQueryClient();
  const wasUnreachable = useRef(false);
  useEffect(() => {
    if (unreachable) {
      wasUnreachable.current = true;
      const timer = window.setInterval(() => {
        // callUnary reports the outcome to the connectivity store; the result itself is not needed.
        callUnary(procedures.getAuthenticatedIdentity, {}).catch(() => {});
      }, API_PROBE_INTERVAL_MS);
      return () => window.clearInterval(timer);
    }
    if (wasUnreachable.current) {
      wasUnreachable.current = false;
      // Back: reload what failed while it was away (data already on screen stays meanwhile).
      void queryClient.refetchQueries({ predicate: (query) => query.state.status === 'error' });
    }
    return undefined;
  }, [unreachable, queryClient]);
}

/** The one connectivity banner of the app; actions that need the API say so where they are. */
export function OfflineBanner() {
  const connectivity = useConnectivity();
  useProbeWhileUnreachable(connectivity === 'api-unreachable');
  return (
    <div role="status" className="offline-banner-region">
      {connectivity === 'online' ? null : (
        <p className="offline-banner">
          {connectivity === 'offline' ? "You're offline. " : "The API can't be reached. "}
          The data on screen may be out of date, and creating, rotating, deleting and switching
          provisioning are unavailable until the connection is back. Nothing is sent later on its
          own.
        </p>
      )}
    </div>
  );
}
