/**
 * Is this invite link still good? Asked before anyone makes a profile: a fresh token signed by the
 * link's own invite key (only a holder of the link can ask), answered by the relay with the same
 * checks it admits a WebSocket by (src/sync/inviteCheck.ts). Nothing is stored and no plan data
 * comes back. When the relay cannot be asked, the answer is 'unchecked': the person may go on and
 * the claim checks again.
 */
import { signingKeyPairFromSeed } from '../crypto'
import { createAuthToken } from '../sync/authToken'
import { fromBase64Url } from '../sync/bytes'
import { decodeInviteState, inviteCheckUrl, type InviteState } from '../sync/inviteCheck'
import { parseInviteLink } from './inviteLink'

export type InviteLinkState = InviteState | 'unchecked'

/** a phone on a slow network still answers well within this; longer, and the person just goes on */
const CHECK_TIMEOUT_MS = 8_000

export async function checkInviteLink(link: string, syncUrl: string, options: { fetch?: typeof fetch; now?: number } = {}): Promise<InviteLinkState> {
  let parsed: { planId: string; secret: Uint8Array }
  try {
    parsed = parseInviteLink(link)
  } catch {
    return 'unknown' // not a whole invite link: nothing to ask about
  }
  const token = createAuthToken(signingKeyPairFromSeed(parsed.secret), fromBase64Url(parsed.planId), options.now ?? Date.now())
  try {
    const res = await (options.fetch ?? fetch)(inviteCheckUrl(syncUrl, parsed.planId, token), {
      cache: 'no-store',
      signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
    })
    // a refused token (this device's clock off by minutes) or a relay in trouble: not an answer about the invite
    if (res.status !== 200) return 'unchecked'
    return decodeInviteState(await res.text()) ?? 'unchecked'
  } catch {
    return 'unchecked' // offline, or no answer in time
  }
}
