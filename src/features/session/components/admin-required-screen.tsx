import { Button } from '../../../components/ui/button.tsx';
import { useDocumentTitle } from '../../../lib/document-title.ts';
import { useSignOut } from '../api/use-sign-out.ts';

export function AdminRequiredScreen({
  organizationName,
}: {
  organizationName?: string | undefined;
}) {
  useDocumentTitle('Organization admin required');
  const signOut = useSignOut();
  return (
    <main className="auth-screen">
      <div className="auth-card">
        <p className="brand">SCIM provisioning admin</p>
        <h1>You need to be an organization admin</h1>
        <p>
          SCIM provisioning {organizationName ? `for ${organizationName} ` : ''}can only be managed
          by organization admins. Ask an admin of your organization to change your role, or sign in
          with an admin's personal access token.
        </p>
        <Button variant="primary" onClick={signOut}>
          Sign out
        </Button>
      </div>
    </main>
  );
}
