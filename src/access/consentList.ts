/**
 * The consents a person sees: the plan's detail entries joined with what the signed log says
 * (R12), which decides the status. Pure, so the UI's list and the relay's verdict cannot differ
 * on this device.
 */
import type { ConsentEntry } from '../plan'
import { consentLive, type RoomState } from '../sync/roomState'
import type { ConsentInfo, ConsentStatus, OrganisationInfo } from './types'

export function listConsents(room: RoomState, entries: readonly ConsentEntry[], orgs: readonly OrganisationInfo[], now: number): ConsentInfo[] {
  const nameOf = (id: string) => orgs.find((o) => o.id === id)?.name ?? ''
  const out: ConsentInfo[] = []
  const described = new Set<string>()
  for (const e of entries) {
    described.add(e.recordHash)
    out.push({
      organisationId: e.organisationId,
      organisationName: e.organisationName || nameOf(e.organisationId),
      purpose: e.purpose,
      givenBy: e.givenBy,
      givenAt: e.givenAt,
      expiresAt: e.expiresAt,
      withdrawnAt: e.withdrawnAt || null,
      withdrawnBy: e.withdrawnBy || null,
      status: statusOf(room, e.organisationId, e.recordHash, e.expiresAt, now, !!e.withdrawnAt),
    })
  }
  // signed consents whose details the plan lacks (given from a read-only device): still shown
  for (const [org, c] of room.consents) {
    const latest = c.gives[c.gives.length - 1]
    if (latest === undefined) {
      // refused without ever consenting (the organisation that started the plan)
      out.push({
        organisationId: org,
        organisationName: nameOf(org),
        purpose: '',
        givenBy: '',
        givenAt: 0,
        expiresAt: 0,
        withdrawnAt: null,
        withdrawnBy: c.by,
        status: 'withdrawn',
      })
      continue
    }
    if (described.has(latest)) continue
    out.push({
      organisationId: org,
      organisationName: nameOf(org),
      purpose: '',
      givenBy: c.givenBy ?? '',
      givenAt: 0,
      expiresAt: c.expiresAt,
      withdrawnAt: null,
      withdrawnBy: c.status === 'withdrawn' ? c.by : null,
      status: statusOf(room, org, latest, c.expiresAt, now, false),
    })
  }
  return out.sort((a, b) => b.givenAt - a.givenAt)
}

function statusOf(room: RoomState, org: string, hash: string, expiresAt: number, now: number, markedWithdrawn: boolean): ConsentStatus {
  const signed = room.consents.get(org)
  if (!signed?.gives.includes(hash)) return markedWithdrawn ? 'withdrawn' : 'unconfirmed'
  const latest = signed.gives[signed.gives.length - 1] === hash
  if (!latest) return 'replaced'
  if (signed.status === 'withdrawn' || markedWithdrawn) return 'withdrawn'
  if (!consentLive(room, org, now) || expiresAt <= now) return 'expired'
  return 'live'
}
