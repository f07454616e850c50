// Owns which configuration dialog is open, loads each dialog's code on demand (react-hook-form and
// Radix stay out of the first page's bundle), and gives focus back to the control that opened it.
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
import type { ScimConfiguration } from '#contracts/scim-configurations.ts';

export interface RevealedToken {
  token: string;
  tokenExpiresAt: string;
  configurationId: string;
  configurationName: string;
  reason: 'created' | 'rotated';
}

export type ConfigurationDialogRequest =
  | { kind: 'create' }
  | { kind: 'edit' | 'rotate' | 'delete'; configuration: ScimConfiguration };

type OpenDialog = ConfigurationDialogRequest | { kind: 'reveal'; secret: RevealedToken };

export type ConfigurationDialogKind = OpenDialog['kind'];

const loaders = {
  create: () => import('./create-configuration-dialog.tsx'),
  edit: () => import('./edit-configuration-dialog.tsx'),
  rotate: () => import('./rotate-token-dialog.tsx'),
  delete: () => import('./delete-configuration-dialog.tsx'),
  reveal: () => import('./token-reveal-dialog.tsx'),
} satisfies Record<ConfigurationDialogKind, () => Promise<unknown>>;

const CreateConfigurationDialog = lazy(() =>
  loaders.create().then((m) => ({ default: m.CreateConfigurationDialog })),
);
const EditConfigurationDialog = lazy(() =>
  loaders.edit().then((m) => ({ default: m.EditConfigurationDialog })),
);
const RotateTokenDialog = lazy(() =>
  loaders.rotate().then((m) => ({ default: m.RotateTokenDialog })),
);
const DeleteConfigurationDialog = lazy(() =>
  loaders.delete().then((m) => ({ default: m.DeleteConfigurationDialog })),
);
const TokenRevealDialog = lazy(() =>
  loaders.reveal().then((m) => ({ default: m.TokenRevealDialog })),
);

/** Starts loading a dialog's code, e.g. when the pointer rests on the button that opens it. */
export function prefetchDialog(kind: ConfigurationDialogKind): void {
  void loaders[kind]().catch(() => {
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
  onDeleted?: (id: string) => void;
}

export function ConfigurationDialogsProvider({
  organizationId,
  children,
  fallbackFocus,
  onDeleted,
}: ConfigurationDialogsProviderProps) {
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const dialogRef = useRef<OpenDialog | null>(null);
  const invokerRef = useRef<HTMLElement | null>(null);

  const show = useCallback((next: OpenDialog | null) => {
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
  const reveal = useCallback((secret: RevealedToken) => show({ kind: 'reveal', secret }), [show]);

  // Radix restores focus to whatever had it before the dialog opened, which may be a menu item
  // that no longer exists. Send it to the invoking control instead, unless another dialog took over.
  const restoreFocus = useCallback(
    (event: Event) => {
      event.preventDefault();
      if (dialogRef.current) return;
      const invoker = invokerRef.current;
      if (invoker?.isConnected) invoker.focus();
      else fallbackFocus();
    },
    [fallbackFocus],
  );

  const common = { onClose: close, onCloseAutoFocus: restoreFocus };

  return (
    <ConfigurationDialogsContext.Provider value={api}>
      {children}
      <Suspense
        fallback={
          <div className="dialog-loading" role="status">
            Loading…
          </div>
        }
      >
        {dialog?.kind === 'create' ? (
          <CreateConfigurationDialog
            {...common}
            organizationId={organizationId}
            onCreated={reveal}
          />
        ) : null}
        {dialog?.kind === 'edit' ? (
          <EditConfigurationDialog
            {...common}
            organizationId={organizationId}
            configuration={dialog.configuration}
          />
        ) : null}
        {dialog?.kind === 'rotate' ? (
          <RotateTokenDialog {...common} configuration={dialog.configuration} onRotated={reveal} />
        ) : null}
        {dialog?.kind === 'delete' ? (
          <DeleteConfigurationDialog
            {...common}
            configuration={dialog.configuration}
            {...(onDeleted ? { onDeleted } : {})}
          />
        ) : null}
        {dialog?.kind === 'reveal' ? (
          <TokenRevealDialog {...common} secret={dialog.secret} />
        ) : null}
      </Suspense>
    </ConfigurationDialogsContext.Provider>
  );
}

export interface DialogLifecycleProps {
  onClose: () => void;
  onCloseAutoFocus: (event: Event) => void;
}
