import { type ConfigurationStatus, statusLabels } from './configuration-status.ts';

const icons: Record<ConfigurationStatus, string> = {
  active: '●',
  'expiring-soon': '▲',
  expired: '✕',
  disabled: '○',
};

/** Colour plus text plus a shape, so the status never depends on colour alone. */
export function StatusChip({ status }: { status: ConfigurationStatus }) {
  return (
    <span className={`chip chip-${status}`}>
      <span className="chip-icon" aria-hidden="true">
        {icons[status]}
      </span>
      {statusLabels[status]}
    </span>
  );
}
