import { useConnectivity } from '../lib/connectivity.ts';

export function OfflineBanner() {
  const connectivity = useConnectivity();
  return (
    <div role="status" className="offline-banner-region">
      {connectivity === 'online' ? null : (
        <p className="offline-banner">
          {connectivity === 'offline' ? "You're offline. " : "The API can't be reached. "}
          The data on screen may be out of date and changes can't be saved until the connection is
          back.
        </p>
      )}
    </div>
  );
}
