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

/** "Test connection" in the token dialog: what an identity provider would see with this token. */
export function TestConnection({ scimBaseUrl, token }: { scimBaseUrl: string; token: string }) {
  const test = useTestConnection(scimBaseUrl, token);
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
      <Button onClick={() => test.mutate()} disabled={!scimBaseUrl || test.isPending}>
        Test connection
      </Button>
      {/* Not role="status": the dialog's copy results own that role. */}
      <p className={`test-connection-result tone-${tone}`} aria-live="polite">
        {message}
      </p>
    </div>
  );
}
