/** True only when the browser confirmed the write; callers fall back to selecting the text. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard?.writeText) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** "Cmd+C" on Apple platforms, "Ctrl+C" elsewhere. */
export function copyShortcut(): string {
  const platform = navigator.platform || navigator.userAgent;
  return /Mac|iPhone|iPad/i.test(platform) ? 'Cmd+C' : 'Ctrl+C';
}
