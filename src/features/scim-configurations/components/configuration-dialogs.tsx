// Owns which configuration dialog is open, loads each dialog's code on demand (react-hook-form and
// Radix stay out of the first page's bundle; a failed load shows a Retry in the dialog area, never
// the app's error page), and gives focus back to the control that opened it.
import {
  createContext,
  lazy,
  type ReactNode,
  Suspense,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
} from 'react';
import { DialogErrorBoundary } from '../../../components/ui/dialog-error-boundary.tsx';
import type { ConfigurationDialogKind, ConfigurationDialogRequest } from './dialog-types.ts';

/**
 * Each dialog's code, loaded on demand. The token reveal dialog is no entry of its own: create and
 * rotate import it statically, so it is loaded before either can mint a token. Exported for tests.
 */
export const dialogLoaders = {
  create: () => import('./create-configuration-dialog.tsx'),
  edit: () => import('./edit-configuration-dialog.tsx'),
  rotate: () => import('./rotate-token-dialog.tsx'),
  delete: () => import('./delete-configuration-dialog.tsx'),
  disable: () => import('./disable-provisioning-dialog.tsx'),
} satisfies Record<ConfigurationDialogKind, () => Promise<unknown>>;

function lazyDialogs() {
  return {
    create: lazy(() =>
      dialogLoaders.create().then((m) => ({ default: m.CreateConfigurationDialog })),
    ),
    edit: lazy(() => dialogLoaders.edit().then((m) => ({ default: m.EditConfigurationDialog }))),
    rotate: lazy(() => dialogLoaders.rotate().then((m) => ({ default: m.RotateTokenDialog }))),
    delete: lazy(() =>
      dialogLoaders.delete().then((m) => ({ default: m.DeleteConfigurationDialog })),
    ),
    disable: lazy(() =>
      dialogLoaders.disable().then((m) => ({ default: m.DisableProvisioningDialog })),
    ),
  };
}

/** React.lazy remembers a failed load for good: a retry needs fresh lazy components. */
let dialogs = lazyDialogs();

/** Starts loading a dialog's code, e.g. when the pointer rests on the button that opens it. */
export function prefetchDialog(kind: ConfigurationDialogKind): void {
  void dialogLoaders[kind]().catch(() => {
    // A failed prefetch is retried when the dialog actually opens.
  });
}

interface ConfigurationDialogsApi {
  open: (request: ConfigurationDialogRequest, invoker: HTMLElement | null) => void;
}

const ConfigurationDialogsContext = createContext<ConfigurationDialogsApi | null>(null);

export function useConfigurationDialogs(): ConfigurationDialogsApi {
  const api = useContext(ConfigurationDialogsContext);
  if (!api) throw new Error('useConfigurationDialogs needs a ConfigurationDialogsProvider');
  return api;
}

export interface ConfigurationDialogsProviderProps {
  organizationId: string;
  children: ReactNode;
  /** Where focus goes when the invoking control is gone (e.g. its row was deleted). */
  fallbackFocus: () => void;
  /** Places the focus after a dialog closed instead of the invoker (returns whether it did). */
  focusAfterClose?: () => boolean;
  onDeleted?: (id: string) => void;
}

export function ConfigurationDialogsProvider({
  organizationId,
  children,
  fallbackFocus,
  focusAfterClose,
  onDeleted,
}: ConfigurationDialogsProviderProps) {
  const [dialog, setDialog] = useState<ConfigurationDialogRequest | null>(null);
  const [loadAttempt, setLoadAttempt] = useState(0);
  const dialogRef = useRef<ConfigurationDialogRequest | null>(null);
  const invokerRef = useRef<HTMLElement | null>(null);

  const show = useCallback((next: ConfigurationDialogRequest | null) => {
    dialogRef.current = next;
    setDialog(next);
  }, []);

  const api = useMemo<ConfigurationDialogsApi>(
    () => ({
      open: (request, invoker) => {
        invokerRef.current = invoker;
        show(request);
      },
    }),
    [show],
  );

  const close = useCallback(() => show(null), [show]);

  const focusInvoker = useCallback(() => {
    const invoker = invokerRef.current;
    if (invoker?.isConnected) invoker.focus();
    else fallbackFocus();
  }, [fallbackFocus]);

  // Radix restores focus to whatever had it before the dialog opened, which may be a menu item
  // that no longer exists. Send it to the invoking control instead, unless another dialog took over.
  const restoreFocus = useCallback(
    (event: Event) => {
      event.preventDefault();
      if (dialogRef.current) return;
      if (focusAfterClose?.()) return;
      focusInvoker();
    },
    [focusInvoker, focusAfterClose],
  );

  // Fresh lazy components and a fresh boundary: the next render loads the code again.
  const retryLoad = useCallback(() => {
    dialogs = lazyDialogs();
    setLoadAttempt((attempt) => attempt + 1);
  }, []);

  const dismissLoadError = useCallback(() => {
    retryLoad();
    close();
    focusInvoker();
  }, [retryLoad, close, focusInvoker]);

  const common = { onClose: close, onCloseAutoFocus: restoreFocus };
  const {
    create: CreateConfigurationDialog,
    edit: EditConfigurationDialog,
    rotate: RotateTokenDialog,
    delete: DeleteConfigurationDialog,
    disable: DisableProvisioningDialog,
  } = dialogs;

  return (
    <ConfigurationDialogsContext.Provider value={api}>
      {children}
      <DialogErrorBoundary key={loadAttempt} onRetry={retryLoad} onDismiss={dismissLoadError}>
        <Suspense
          fallback={
            <div className="dialog-loading" role="status">
              Loading…
            </div>
          }
        >
          {dialog?.kind === 'create' ? (
            <CreateConfigurationDialog {...common} organizationId={organizationId} />
          ) : null}
          {dialog?.kind === 'edit' ? (
            <EditConfigurationDialog
              {...common}
              organizationId={organizationId}
              configuration={dialog.configuration}
            />
          ) : null}
          {dialog?.kind === 'rotate' ? (
            <RotateTokenDialog {...common} configuration={dialog.configuration} />
          ) : null}
          {dialog?.kind === 'delete' ? (
            <DeleteConfigurationDialog
              {...common}
              configuration={dialog.configuration}
              {...(onDeleted ? { onDeleted } : {})}
            />
          ) : null}
          {dialog?.kind === 'disable' ? (
            <DisableProvisioningDialog
              {...common}
              configuration={dialog.configuration}
              onConfirm={dialog.onConfirm}
            />
          ) : null}
        </Suspense>
      </DialogErrorBoundary>
    </ConfigurationDialogsContext.Provider>
  );
}
