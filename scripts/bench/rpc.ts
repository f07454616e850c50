// A minimal Connect JSON caller for setting up benchmark cases.
export async function rpc<T>(
  baseUrl: string,
  token: string,
  path: string,
  body: unknown,
  query = '',
): Promise<T> {
  const response = await fetch(`${baseUrl}/api/${path}${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

export function connectHeaders(token: string): Record<string, string> {
  return { 'content-type': 'application/json', authorization: `Bearer ${token}` };
}
