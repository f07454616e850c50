import { Button } from '../../../components/ui/button.tsx';
import type { SessionIdentity } from '../api/session-queries.ts';
import { useSignOut } from '../api/use-sign-out.ts';

/** Header block: who is signed in, to which organization, and the way out. */
export function AccountSummary({ identity }: { identity: SessionIdentity }) {
  const signOut = useSignOut();
  return (
    <div className="account-summary">
      <div className="account-text">
        <span className="account-name">{identity.userName || identity.userEmail}</span>
        {identity.userName && identity.userEmail ? (
          <span className="account-email">{identity.userEmail}</span>
        ) : null}
      </div>
      <Button size="sm" onClick={signOut}>
        Sign out
      </Button>
    </div>
  );
}
