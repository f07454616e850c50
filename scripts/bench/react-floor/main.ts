// The least a React 19 list page can do: the baseline's single fetch, rows rendered by React. It
// tells how much of the dashboard's first-row time React itself costs on this machine.
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

interface Row {
  id: string;
  name?: string;
}

const token = sessionStorage.getItem('scim-admin.session');
const response = await fetch('/api/gitpod.v1.OrganizationService/ListSCIMConfigurations', {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  body: JSON.stringify({ pagination: { pageSize: 100 } }),
});
const page = (await response.json()) as { scimConfigurations?: Row[] };
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    createElement(
      'main',
      null,
      createElement('h1', null, 'SCIM provisioning'),
      createElement(
        'ul',
        null,
        (page.scimConfigurations ?? []).map((config) =>
          createElement(
            'li',
            { key: config.id },
            createElement('a', { href: `/scim/${config.id}` }, config.name || 'Unnamed'),
          ),
        ),
      ),
    ),
  );
}
