/**
 * GET /sync/<planId>/invite?auth=<token>: an invite link's state before a profile is made
 * (src/sync/inviteCheck.ts has the format, server/admission.ts `checkInvite` the checks).
 */
import type http from 'node:http'
import { encodeInviteState } from '../../src/sync/inviteCheck'
import { checkInvite, type AdmissionDeps } from '../admission'

export async function answerInviteCheck(
  deps: Pick<AdmissionDeps, 'store' | 'rooms'>,
  planId: Uint8Array,
  token: string | null,
  res: http.ServerResponse,
): Promise<void> {
  const result = await checkInvite(deps, planId, token)
  // never cached: the same link reads "open" now and "used" once someone claimed it
  const headers = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }
  if (result.ok) res.writeHead(200, headers).end(encodeInviteState(result.state))
  else res.writeHead(401, headers).end(JSON.stringify({ error: result.code }))
}
