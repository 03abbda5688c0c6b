/**
 * Headers on every response. The CSP allows only this origin (plus wasm compilation for
 * libsodium): an injected script could read the plan in plaintext, so none may run.
 */
import type { ServerResponse } from 'node:http'
import { CONTENT_SECURITY_POLICY } from './csp'

export { CONTENT_SECURITY_POLICY }

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  // the invite secret is in the URL fragment, which browsers never send; no referrer at all anyway
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
}

export function setSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value)
}

/** The same headers as raw HTTP lines, for answers written straight to an upgrade socket. */
export function securityHeaderLines(): string {
  return Object.entries(SECURITY_HEADERS)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')
}
