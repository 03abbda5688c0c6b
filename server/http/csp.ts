/**
 * The one Content-Security-Policy: the relay sends it as a header, the build puts it in the
 * page as a meta tag (for a copy served by any other host). Only this origin, plus wasm
 * compilation for libsodium: an injected script could read the plan in plaintext.
 *
 * Attachments preview in the app from `blob:` URLs the app makes itself of the bytes it decrypted
 * (src/ui/sections/Attachments.tsx), so only `blob:` is added, and only where a preview needs it:
 * `img-src blob:` for images, and `frame-src blob:` for a PDF, shown by the browser's own PDF
 * viewer in an <iframe>. Not `object-src blob:`: <object>/<embed> run plugins and stay 'none'.
 * A blob: URL is same-origin and made only by script already running here, so this admits nothing
 * from elsewhere; a page framed from a blob: PDF cannot frame us back (frame-ancestors 'none').
 */
export const CSP_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  'frame-src blob:',
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
