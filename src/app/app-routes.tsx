import { useEffect, useRef } from 'react';
import { Route, Switch, useLocation } from 'wouter';
import { ScimConfigurationDetailPage } from '../features/scim-configurations/components/scim-configuration-detail-page.tsx';
import { ScimConfigurationsPage } from '../features/scim-configurations/components/scim-configurations-page.tsx';
import { focusPageHeading } from '../lib/focus.ts';
import { NotFoundView } from './not-found-view.tsx';

/** After an in-app navigation, focus the new page's heading, as a full page load would reset it. */
function useFocusHeadingOnNavigation() {
  const [location] = useLocation();
  const shown = useRef(location);
  useEffect(() => {
    if (shown.current === location) return;
    shown.current = location;
    focusPageHeading();
  }, [location]);
}

export function AppRoutes({ organizationId }: { organizationId: string }) {
  useFocusHeadingOnNavigation();
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
