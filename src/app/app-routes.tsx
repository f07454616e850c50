import { lazy, Suspense, useEffect, useRef } from 'react';
import { Route, Switch, useLocation } from 'wouter';
import { LoadingState } from '../components/ui/loading-state.tsx';
import { ScimConfigurationsPage } from '../features/scim-configurations/components/scim-configurations-page.tsx';
import { focusPageHeadingWhenShown } from '../lib/focus.ts';
import { NotFoundView } from './not-found-view.tsx';

// The detail page (with its activity panel and setup kit) stays out of the first page's chunk; it is
// fetched once the app is idle, so opening a configuration rarely waits for it.
const loadDetailPage = () =>
  import('../features/scim-configurations/components/scim-configuration-detail-page.tsx');
const ScimConfigurationDetailPage = lazy(() =>
  loadDetailPage().then((m) => ({ default: m.ScimConfigurationDetailPage })),
);

function usePrefetchDetailPage() {
  useEffect(() => {
    const prefetch = () => {
      loadDetailPage().catch(() => {
        // Loaded (and its failure shown) when the page is actually opened.
      });
    };
    if ('requestIdleCallback' in window) {
      const handle = window.requestIdleCallback(prefetch, { timeout: 3000 });
      return () => window.cancelIdleCallback(handle);
    }
    const timer = setTimeout(prefetch, 1000);
    return () => clearTimeout(timer);
  }, []);
}

/** After an in-app navigation, focus the new page's heading, as a full page load would reset it. */
function useFocusHeadingOnNavigation() {
  const [location] = useLocation();
  const shown = useRef(location);
  useEffect(() => {
    if (shown.current === location) return undefined;
    shown.current = location;
    return focusPageHeadingWhenShown();
  }, [location]);
}

export function AppRoutes({ organizationId }: { organizationId: string }) {
  useFocusHeadingOnNavigation();
  usePrefetchDetailPage();
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
          <Suspense fallback={<LoadingState label="Loading configuration…" />}>
            <ScimConfigurationDetailPage
              key={params.id}
              id={params.id}
              organizationId={organizationId}
            />
          </Suspense>
        )}
      </Route>
      <Route>
        <NotFoundView />
      </Route>
    </Switch>
  );
}
