import { Button } from '../../../components/ui/button.tsx';
import { describeError } from '../../../lib/error-messages.ts';
import { type ConnectionTestResult, useTestConnection } from '../api/use-test-connection.ts';

function resultText(result: ConnectionTestResult): string {
  if (result.ok) {
    return `Connection works: the SCIM endpoint accepted the token${result.status ? ` (HTTP ${result.status})` : ''}.`;
  }
  const status = result.status ? `HTTP ${result.status}` : 'no answer';
  return `Connection failed (${status})${result.detail ? `: ${result.detail}` : '.'}`;
}

function isPrivateHost(host: string): boolean {
  const name = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (name === 'localhost' || name.endsWith('.localhost') || name === '::1') return true;
  if (/^(fc|fd)[0-9a-f]{2}:/.test(name) || name.startsWith('fe80:')) return true;
  const octets = name.split('.').map(Number);
  if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o) || o < 0 || o > 255)) {
    return false;
  }
  const [a = 0, b = 0] = octets;
  return (
    a === 127 ||
    a === 10 ||
    a === 0 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) ||
    (a === 100 && b >= 64 && b <= 127)
  );
}

/**
 * Why a cloud identity provider could not use this SCIM URL even if our own test passes (the test
 * runs from the admin's network): plain http (Entra ID requires HTTPS) or a loopback/private host.
 */
export function unreachableUrlWarning(scimBaseUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(scimBaseUrl);
  } catch {
    return undefined;
  }
  const problems: string[] = [];
  if (url.protocol === 'http:') {
    problems.push('uses plain http:// (Microsoft Entra ID and most cloud providers require HTTPS)');
  }
  if (isPrivateHost(url.hostname)) {
    problems.push(`points at a loopback or private address (${url.hostname})`);
  }
  if (problems.length === 0) return undefined;
  return `This SCIM URL ${problems.join(' and ')}: a cloud identity provider cannot reach it, even when the test below passes from your network.`;
}

/** "Test connection" next to the kit: what an identity provider would see with this token. */
export function TestConnection({ scimBaseUrl, token }: { scimBaseUrl: string; token: string }) {
  const test = useTestConnection(scimBaseUrl, token);
  const warning = scimBaseUrl ? unreachableUrlWarning(scimBaseUrl) : undefined;
  const message = test.data
    ? resultText(test.data)
    : test.isError
      ? `Couldn't test the connection. ${describeError(test.error)}`
      : test.isPending
        ? 'Testing the connection…'
        : '';
  const tone = test.data?.ok ? 'success' : test.data || test.isError ? 'error' : 'neutral';
  return (
    <div className="test-connection">
      {warning ? <p className="notice notice-warning test-connection-warning">{warning}</p> : null}
      <div className="test-connection-row">
        <Button onClick={() => test.mutate()} disabled={!scimBaseUrl || test.isPending}>
          Test connection
        </Button>
        {/* Not role="status": the kit's copy results own that role. */}
        <p className={`test-connection-result tone-${tone}`} aria-live="polite">
          {message}
        </p>
      </div>
    </div>
  );
}
