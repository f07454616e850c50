import { useEffect } from 'react';

export const APP_TITLE = 'SCIM provisioning';

/** "Okta production · SCIM provisioning": tabs, history and screen readers name the screen. */
export function useDocumentTitle(screen: string | undefined): void {
  useEffect(() => {
    document.title = screen && screen !== APP_TITLE ? `${screen} · ${APP_TITLE}` : APP_TITLE;
  }, [screen]);
}
