/**
 * The one Content-Security-Policy: the relay sends it as a header, the build puts it in the
 * page as a meta tag (for a copy served by any other host). Only this origin, plus wasm
 * compilation for libsodium: an injected script could read the plan in plaintext.
 */
export const CSP_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
]

export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.join('; ')

/** A meta tag cannot carry frame-ancestors (browsers ignore it there and warn). */
export const CONTENT_SECURITY_POLICY_META = CSP_DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors')).join('; ')
