import type { ReactNode } from 'react';

/** Ids that tie a control to its description and error (`aria-describedby`). */
export function fieldIds(id: string) {
  return { descriptionId: `${id}-description`, errorId: `${id}-error` };
}

export function describedBy(
  id: string,
  parts: { description?: boolean; error?: string | undefined },
): string | undefined {
  const { descriptionId, errorId } = fieldIds(id);
  const ids = [parts.description ? descriptionId : '', parts.error ? errorId : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export interface FieldProps {
  id: string;
  label: ReactNode;
  description?: ReactNode;
  error?: string | undefined;
  /** Rendered after the description, e.g. a character counter. */
  aside?: ReactNode;
  children: ReactNode;
}

export function Field({ id, label, description, error, aside, children }: FieldProps) {
  const { descriptionId, errorId } = fieldIds(id);
  return (
    <div className="field" data-invalid={error ? 'true' : undefined}>
      <div className="field-label-row">
        <label className="field-label" htmlFor={id}>
          {label}
        </label>
        {aside}
      </div>
      {children}
      {description ? (
        <p id={descriptionId} className="field-description">
          {description}
        </p>
      ) : null}
      <FieldError id={errorId} message={error} />
    </div>
  );
}

export function FieldError({ id, message }: { id: string; message?: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {message}
    </p>
  );
}
