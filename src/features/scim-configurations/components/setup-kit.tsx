import { type ReactNode, type Ref, useId, useRef, useState } from 'react';
import { Button } from '../../../components/ui/button.tsx';
import { copyShortcut, copyText } from '../../../lib/clipboard.ts';
import {
  type IdentityProviderId,
  identityProviderNames,
  identityProviders,
  rememberProvider,
} from './identity-provider.ts';
import { type KitField, type KitValue, setupKits } from './setup-kit-content.ts';

export interface SetupKitProps {
  configurationId: string;
  /** The provider to show first: the remembered choice or the issuer's, else "Other". */
  initialProvider: IdentityProviderId | undefined;
  scimBaseUrl: string;
  /** Shown in the URL fields while the URL is loading or failed to load. */
  urlPlaceholder: string;
  /** The one-time token; absent on the detail page, where `tokenUnavailable` stands in. */
  token?: string;
  tokenUnavailable?: ReactNode;
  onTokenCopied?: () => void;
  /** The token field's copy button, for focus to come back to. */
  copyTokenRef?: Ref<HTMLButtonElement>;
  onProviderChange?: (provider: IdentityProviderId) => void;
}

/**
 * The identity provider's own field names, in its order, each with the exact value and its own copy
 * button, inside numbered steps for that provider's console.
 */
export function SetupKit({
  configurationId,
  initialProvider,
  scimBaseUrl,
  urlPlaceholder,
  token,
  tokenUnavailable,
  onTokenCopied,
  copyTokenRef,
  onProviderChange,
}: SetupKitProps) {
  const [chosen, setChosen] = useState<IdentityProviderId | undefined>(undefined);
  const provider = chosen ?? initialProvider ?? 'other';
  const kit = setupKits[provider];
  const [status, setStatus] = useState('');
  const [failedField, setFailedField] = useState<string | undefined>(undefined);
  const inputs = useRef(new Map<string, HTMLInputElement>());
  const pickerId = useId();
  const baseId = useId();
  const name = identityProviderNames[provider];

  const textOf = (value: KitValue): string | undefined => {
    switch (value.kind) {
      case 'url':
        return scimBaseUrl || undefined;
      case 'token':
        return token;
      case 'bearer-header':
        return token === undefined ? undefined : `Bearer ${token}`;
      case 'text':
        return value.text;
      case 'choice':
        return undefined;
    }
  };

  const copy = async (label: string, text: string, isSecret: boolean) => {
    if (await copyText(text)) {
      setFailedField(undefined);
      if (isSecret) onTokenCopied?.();
      setStatus(`Copied the ${label} value for ${name}.`);
      return;
    }
    // The clipboard refused (permissions, insecure context): select the text for a manual copy.
    const input = inputs.current.get(label);
    input?.focus();
    input?.select();
    setFailedField(label);
    setStatus(`Couldn't copy ${label} automatically. It is selected: press ${copyShortcut()}.`);
  };

  const copyBoth = async () => {
    if (!token || !scimBaseUrl) return;
    if (await copyText(`${scimBaseUrl}\n${token}`)) {
      setFailedField(undefined);
      onTokenCopied?.();
      setStatus(
        'Copied both: the SCIM base URL on the first line, the bearer token on the second.',
      );
      return;
    }
    const first = kit.fields[0]?.label;
    if (first) inputs.current.get(first)?.select();
    setFailedField('both');
    setStatus(
      `Couldn't copy automatically. Copy each value with its own button or ${copyShortcut()}.`,
    );
  };

  const fieldRow = (field: KitField, index: number) => {
    const id = `${baseId}-${index}`;
    const hintId = `${id}-hint`;
    const failureId = `${id}-failure`;
    const text = textOf(field.value);
    const isSecret = field.value.kind === 'token' || field.value.kind === 'bearer-header';
    const failed = failedField === field.label;
    const describedBy = [field.hint ? hintId : '', failed ? failureId : '']
      .filter(Boolean)
      .join(' ');
    let control: ReactNode;
    if (field.value.kind === 'choice') {
      control = (
        <p className="kit-choice" id={id}>
          <span className="sr-only">Choose: </span>
          {field.value.text}
        </p>
      );
    } else if (isSecret && token === undefined) {
      control = <div className="kit-unavailable">{tokenUnavailable}</div>;
    } else {
      const shown = text ?? urlPlaceholder;
      control = (
        <div className="copy-row">
          <input
            id={id}
            ref={(element) => {
              if (element) inputs.current.set(field.label, element);
              else inputs.current.delete(field.label);
            }}
            className="input mono"
            readOnly
            value={shown}
            spellCheck={false}
            autoComplete="off"
            aria-describedby={describedBy || undefined}
            onFocus={(event) => event.target.select()}
            onCopy={isSecret ? () => onTokenCopied?.() : undefined}
          />
          <Button
            ref={field.value.kind === 'token' ? copyTokenRef : undefined}
            aria-label={`Copy ${field.label}`}
            disabled={text === undefined}
            onClick={() => {
              if (text !== undefined) void copy(field.label, text, isSecret);
            }}
          >
            Copy
          </Button>
        </div>
      );
    }
    return (
      <div className="kit-field" key={field.label}>
        {field.value.kind === 'choice' ? (
          <span className="field-label">{field.label}</span>
        ) : (
          <label className="field-label" htmlFor={isSecret && token === undefined ? undefined : id}>
            {field.label}
          </label>
        )}
        {control}
        {field.hint ? (
          <p id={hintId} className="field-description">
            {field.hint}
          </p>
        ) : null}
        {failed ? (
          <p id={failureId} className="field-error">
            Couldn't copy automatically: the value is selected, press {copyShortcut()}.
          </p>
        ) : null}
      </div>
    );
  };

  return (
    <section className="setup-kit" aria-labelledby={`${baseId}-heading`}>
      <h3 id={`${baseId}-heading`} className="setup-kit-heading">
        Setup steps
      </h3>
      <div className="field">
        <label className="field-label" htmlFor={pickerId}>
          Identity provider
        </label>
        <select
          id={pickerId}
          className="input"
          value={provider}
          onChange={(event) => {
            const next = event.target.value as IdentityProviderId;
            setChosen(next);
            setFailedField(undefined);
            setStatus('');
            rememberProvider(configurationId, next);
            onProviderChange?.(next);
          }}
        >
          {identityProviders.map((id) => (
            <option key={id} value={id}>
              {identityProviderNames[id]}
            </option>
          ))}
        </select>
      </div>
      <p className="kit-token-format">{kit.tokenFormat}</p>
      <ol className="kit-steps">
        {kit.steps.map((step, index) => (
          <li key={step}>
            <p>{step}</p>
            {index === kit.fieldsAtStep ? (
              <div className="kit-fields">
                {kit.fields
                  // Without the token, the whole-header variant has nothing to add to the token row.
                  .filter((field) => token !== undefined || field.value.kind !== 'bearer-header')
                  .map(fieldRow)}
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      {kit.copyBoth && token !== undefined ? (
        <div className="copy-both-row">
          <Button onClick={() => void copyBoth()} disabled={!scimBaseUrl}>
            Copy both
          </Button>
          {failedField === 'both' ? (
            <p className="field-error">Couldn't copy both: copy each value with its own button.</p>
          ) : null}
        </div>
      ) : null}
      <p className="kit-docs">
        <a href={kit.docs.url} target="_blank" rel="noreferrer">
          {kit.docs.title}
          <span className="sr-only"> (opens in a new tab)</span>
        </a>
      </p>
      <p className="copy-status" role="status" aria-live="polite">
        {status}
      </p>
    </section>
  );
}
