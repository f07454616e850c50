import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { Toaster } from '../components/ui/toaster.tsx';
import type { SessionIdentity } from '../features/session/api/session-queries.ts';
import { AccountSummary } from '../features/session/components/account-summary.tsx';
import { OfflineBanner } from './offline-banner.tsx';

export function AppLayout({
  identity,
  children,
}: {
  identity: SessionIdentity;
  children: ReactNode;
}) {
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <div className="app-title">
            <Link href="/" className="app-brand">
              SCIM admin
            </Link>
            <span className="app-org" title="Organization">
              {identity.organizationName || 'Your organization'}
            </span>
          </div>
          <AccountSummary identity={identity} />
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        <OfflineBanner />
        {children}
        <Toaster />
      </main>
    </div>
  );
}
