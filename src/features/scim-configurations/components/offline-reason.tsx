import { useConnectivity } from '../../../lib/connectivity.ts';

/** Why a dialog's action is disabled while the API can't be reached; nothing is sent later. */
export function OfflineReason({ action }: { action: string }) {
  const connectivity = useConnectivity();
  if (connectivity === 'online') return null;
  return (
    <p className="notice notice-warning offline-reason">
      {connectivity === 'offline' ? "You're offline" : "The API can't be reached"}: you can {action}{' '}
      once the connection is back. Nothing is sent until you try again.
    </p>
  );
}
