// The form fields the create, edit and rotate dialogs share, each wired to react-hook-form.
import type { ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { NAME_MAX_LENGTH } from '#contracts/common.ts';
import { CharacterCounter, describedBy, Field, fieldIds } from '../../../components/ui/field.tsx';
import { formatDate } from '../../../lib/dates.ts';
import {
  CUSTOM_LIFETIME,
  DEFAULT_LIFETIME_PRESET,
  lifetimePresets,
  validateCustomDays,
} from './token-lifetime.ts';

const DAY_MS = 86_400_000;

export function NameField({
  id,
  registration,
  value,
  error,
  description,
}: {
  id: string;
  registration: UseFormRegisterReturn;
  value: string;
  error: string | undefined;
  description?: string;
}) {
  return (
    <Field
      id={id}
      label="Name"
      description={description}
      error={error}
      aside={<CharacterCounter id={id} length={value.length} max={NAME_MAX_LENGTH} />}
    >
      <input
        id={id}
        className="input"
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, {
          description: Boolean(description),
          error,
          counter: true,
        })}
        {...registration}
      />
    </Field>
  );
}

/** The day count a lifetime choice stands for, when it is a valid one. */
export function lifetimeDays(lifetime: string, customDays: string): number | undefined {
  if (lifetime === CUSTOM_LIFETIME) {
    return validateCustomDays(customDays) ? undefined : Number(customDays.trim());
  }
  const preset = lifetimePresets.find((entry) => entry.value === lifetime);
  return preset?.days;
}

/** "Expires on 1 Dec 2027" for the chosen lifetime, counted from now. */
export function expiryText(days: number | undefined, now: Date): string | undefined {
  if (days === undefined) return undefined;
  return `The token expires on ${formatDate(new Date(now.getTime() + days * DAY_MS))}.`;
}

export function TokenLifetimeFields({
  ids,
  label,
  description,
  lifetimeRegistration,
  customDaysRegistration,
  lifetime,
  customDays,
  errors,
  now,
  keepCurrent,
}: {
  ids: { lifetime: string; customDays: string };
  label: string;
  description: string;
  lifetimeRegistration: UseFormRegisterReturn;
  customDaysRegistration: UseFormRegisterReturn;
  lifetime: string;
  customDays: string;
  errors: { lifetime?: string | undefined; customDays?: string | undefined };
  now: Date;
  /** Rotate's default: keep the current token's lifetime (the server knows it, the API doesn't say). */
  keepCurrent?: { value: string; label: string; expiry: string };
}) {
  const isKeep = keepCurrent !== undefined && lifetime === keepCurrent.value;
  const expiry = isKeep ? keepCurrent.expiry : expiryText(lifetimeDays(lifetime, customDays), now);
  const expiryId = `${ids.lifetime}-expiry`;
  return (
    <>
      <Field id={ids.lifetime} label={label} description={description} error={errors.lifetime}>
        <select
          id={ids.lifetime}
          className="input"
          aria-invalid={errors.lifetime ? true : undefined}
          aria-describedby={[
            describedBy(ids.lifetime, { description: true, error: errors.lifetime }),
            lifetime === CUSTOM_LIFETIME ? '' : expiryId,
          ]
            .filter(Boolean)
            .join(' ')}
          {...lifetimeRegistration}
        >
          {keepCurrent ? <option value={keepCurrent.value}>{keepCurrent.label}</option> : null}
          {lifetimePresets.map((preset) => (
            <option key={preset.value} value={preset.value}>
              {preset.label}
              {!keepCurrent && preset.value === DEFAULT_LIFETIME_PRESET ? ' (default)' : ''}
            </option>
          ))}
          <option value={CUSTOM_LIFETIME}>Custom…</option>
        </select>
        {lifetime === CUSTOM_LIFETIME ? null : <ExpiryLine id={expiryId} text={expiry} />}
      </Field>
      {lifetime === CUSTOM_LIFETIME ? (
        <Field
          id={ids.customDays}
          label="Custom lifetime (days)"
          description="Between 1 and 730 days."
          error={errors.customDays}
        >
          <input
            id={ids.customDays}
            className="input input-short"
            inputMode="numeric"
            autoComplete="off"
            aria-invalid={errors.customDays ? true : undefined}
            aria-describedby={[
              describedBy(ids.customDays, { description: true, error: errors.customDays }),
              `${ids.customDays}-expiry`,
            ].join(' ')}
            {...customDaysRegistration}
          />
          <ExpiryLine id={`${ids.customDays}-expiry`} text={expiry} />
        </Field>
      ) : null}
    </>
  );
}

function ExpiryLine({ id, text }: { id: string; text: string | undefined }) {
  return (
    <p id={id} className="field-expiry">
      {text ?? ''}
    </p>
  );
}

export function UnverifiedLinkingField({
  id,
  registration,
  risk,
}: {
  id: string;
  registration: UseFormRegisterReturn;
  risk: ReactNode;
}) {
  const descriptionId = fieldIds(id).descriptionId;
  return (
    <div className="checkbox-field">
      <input id={id} type="checkbox" aria-describedby={descriptionId} {...registration} />
      <div>
        <label htmlFor={id}>Allow linking to existing accounts with unverified email</label>
        <p id={descriptionId} className="field-description">
          {risk}
        </p>
      </div>
    </div>
  );
}
