// Catches a dialog that could not load (its code chunk failed to download) or render, so that only
// the dialog area says so instead of the whole app giving way to the root error boundary.
import { Component, type ErrorInfo, type ReactNode, useEffect, useRef } from 'react';
import { Button } from './button.tsx';

export interface DialogErrorBoundaryProps {
  children: ReactNode;
  /** Load the dialog again; the host remounts the boundary (e.g. with a new `key`). */
  onRetry: () => void;
  /** Give up: the host closes the dialog and returns focus. */
  onDismiss: () => void;
}

interface State {
  error: Error | null;
}

export class DialogErrorBoundary extends Component<DialogErrorBoundaryProps, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Dialog failed to load', error.message, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return <DialogLoadError onRetry={this.props.onRetry} onDismiss={this.props.onDismiss} />;
  }
}

function DialogLoadError({ onRetry, onDismiss }: Omit<DialogErrorBoundaryProps, 'children'>) {
  const retryRef = useRef<HTMLButtonElement>(null);
  // The control that opened the dialog may be gone (a closed menu): keep keyboard users in reach.
  useEffect(() => retryRef.current?.focus(), []);
  return (
    <div className="dialog-loading dialog-load-error" role="alert">
      <p>Couldn't load this dialog. Check your connection and try again.</p>
      <div className="actions">
        <Button ref={retryRef} variant="primary" size="sm" onClick={onRetry}>
          Retry
        </Button>
        <Button size="sm" onClick={onDismiss}>
          Close
        </Button>
      </div>
    </div>
  );
}
