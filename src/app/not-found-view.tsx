import { Link } from 'wouter';
import { useDocumentTitle } from '../lib/document-title.ts';
import { PAGE_HEADING_ID } from '../lib/focus.ts';

export function NotFoundView() {
  useDocumentTitle('Page not found');
  return (
    <div className="panel">
      <h1 id={PAGE_HEADING_ID} tabIndex={-1}>
        Page not found
      </h1>
      <p>There is nothing at this address.</p>
      <Link href="/" className="btn btn-primary">
        Go to SCIM provisioning
      </Link>
    </div>
  );
}
