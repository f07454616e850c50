import { Route, Switch } from 'wouter';
import { ScimConfigurationDetailPage } from '../features/scim-configurations/components/scim-configuration-detail-page.tsx';
import { ScimConfigurationsPage } from '../features/scim-configurations/components/scim-configurations-page.tsx';
import { NotFoundView } from './not-found-view.tsx';

export function AppRoutes({ organizationId }: { organizationId: string }) {
  return (
    <Switch>
      <Route path="/">
        <ScimConfigurationsPage organizationId={organizationId} />
      </Route>
      <Route path="/scim">
        <ScimConfigurationsPage organizationId={organizationId} />
      </Route>
      <Route path="/scim/:id">
        {(params) => (
          <ScimConfigurationDetailPage
            key={params.id}
            id={params.id}
            organizationId={organizationId}
          />
        )}
      </Route>
      <Route>
        <NotFoundView />
      </Route>
    </Switch>
  );
}
