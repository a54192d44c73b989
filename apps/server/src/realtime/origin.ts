/**
 * Whether a WebSocket upgrade's Origin may connect: none at all (a program, not a browser page, which
 * must then authenticate with a credential it holds), the server's own origin (same host), or one of
 * `allowed`. Browsers always send Origin on a WebSocket, and unlike fetch the socket is not subject to
 * CORS, so this check is what stops another site's page from using a visitor's ticket.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (host !== undefined && parsed.host === host.toLowerCase()) return true;
  return allowed.includes(parsed.origin);
}

/** `WS_ALLOWED_ORIGINS`: comma-separated origins, e.g. `https://app.example.com,http://localhost:5173`. */
export function parseAllowedOrigins(list: string): string[] {
  return list
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => new URL(entry).origin);
}
