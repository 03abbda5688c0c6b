/**
 * Asking the relay about an invite before anyone makes a profile: `GET /sync/<planId>/invite?auth=<token>`
 * with a fresh token signed by the invite key (authToken.ts), as a WebSocket would connect. Only a
 * holder of the link can sign for its key; a plan that does not exist and a key that is no invite
 * of it answer alike ('unknown'), so a token for a made-up key learns nothing.
 *
 * Answers: 200 `{"invite":"<state>"}`; 401 `{"error":"<token code>"}` for a token the relay refuses
 * (the same codes as a WebSocket's 4401).
 */

export const INVITE_STATES = ['open', 'used', 'expired', 'withdrawn', 'unknown'] as const
export type InviteState = (typeof INVITE_STATES)[number]

/** `/sync/<planId>/invite`: under the relay's own path, so the app's proxies and service worker pass it through */
export const INVITE_CHECK_PATH = /^\/sync\/([^/]+)\/invite$/

/** The check's address for a relay at `syncUrl` (`ws(s)://host/sync`, the WebSocket's base). */
export function inviteCheckUrl(syncUrl: string, planId: string, token: string): string {
  return `${syncUrl.replace(/^ws/, 'http').replace(/\/$/, '')}/${planId}/invite?auth=${encodeURIComponent(token)}`
}

export function encodeInviteState(state: InviteState): string {
  return JSON.stringify({ invite: state })
}

/** The state in a 200 answer's body, or null for anything else (strict: one known field). */
export function decodeInviteState(body: string): InviteState | null {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return null
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null
  const keys = Object.keys(parsed)
  const state = (parsed as { invite?: unknown }).invite
  if (keys.length !== 1 || typeof state !== 'string') return null
  return (INVITE_STATES as readonly string[]).includes(state) ? (state as InviteState) : null
}

/** What a refused admission's code says about an invite key (server/admission.ts `refusalCode`). */
export function inviteStateOfRefusal(code: string): InviteState {
  if (code === 'invite-used') return 'used'
  if (code === 'invite-expired') return 'expired'
  if (code === 'invite-withdrawn') return 'withdrawn'
  return 'unknown'
}
