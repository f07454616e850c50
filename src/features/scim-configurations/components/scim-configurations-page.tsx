import { Button } from '../../../components/ui/button.tsx';
import { useDocumentTitle } from '../../../lib/document-title.ts';
import { focusPageHeading, PAGE_HEADING_ID } from '../../../lib/focus.ts';
import { takePendingFocus } from '../api/new-configurations.ts';
import {
  ConfigurationDialogsProvider,
  prefetchDialog,
  useConfigurationDialogs,
} from './configuration-dialogs.tsx';
import { ConfigurationList } from './configuration-list.tsx';

/** After the token dialog of a new configuration closed: focus its row, pinned on top as New. */
function focusCreatedRow(): boolean {
  const id = takePendingFocus();
  if (!id) return false;
  const link = document.querySelector<HTMLElement>(
    `.config-list-pinned [data-configuration-id="${id}"] .row-name`,
  );
  link?.focus();
  return link !== null;
}

export function ScimConfigurationsPage({ organizationId }: { organizationId: string }) {
  return (
    <ConfigurationDialogsProvider
      organizationId={organizationId}
      fallbackFocus={focusPageHeading}
      focusAfterClose={focusCreatedRow}
    >
      <ConfigurationsPageContent organizationId={organizationId} />
    </ConfigurationDialogsProvider>
  );
}

function CreateConfigurationButton({ variant }: { variant: 'primary' | 'secondary' }) {
  const dialogs = useConfigurationDialogs();
  return (
    <Button
      variant={variant}
      onClick={(event) => dialogs.open({ kind: 'create' }, event.currentTarget)}
      onPointerEnter={() => prefetchDialog('create')}
      onFocus={() => prefetchDialog('create')}
    >
      Create configuration
    </Button>
  );
}

function ConfigurationsPageContent({ organizationId }: { organizationId: string }) {
  useDocumentTitle('SCIM provisioning');
  return (
    <>
      <div className="page-header">
        <div>
          <h1 id={PAGE_HEADING_ID} tabIndex={-1}>
            SCIM provisioning
          </h1>
          <p className="muted">
            Identity providers such as Okta or Microsoft Entra ID use these configurations to
            create, update and deactivate the users of your organization.
          </p>
        </div>
      </div>
      <ConfigurationList
        organizationId={organizationId}
        createButton={<CreateConfigurationButton variant="primary" />}
        empty={
          <div className="panel empty-state">
            <h2>No SCIM configurations yet</h2>
            <p>
              SCIM lets your identity provider create, update and deactivate users in this
              organization automatically. Create a configuration, then paste its endpoint URL and
              token into your identity provider.
            </p>
            <CreateConfigurationButton variant="primary" />
          </div>
        }
      />
    </>
  );
}
