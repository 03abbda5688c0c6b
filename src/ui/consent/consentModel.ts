/**
 * What the consent section and the invite dialog read from a session, as plain values: the
 * consents with names resolved, and whether an organisation (by name) may be shared with now.
 */
import type { ConsentInfo, PlanSession } from '../../access/types'
import { memberName, sameOrganisationName } from '../../plan'

export interface ConsentRow extends ConsentInfo {
  givenByName: string
}

export function consentRows(session: PlanSession): ConsentRow[] {
  return session.consents().map((c) => ({ ...c, givenByName: c.givenBy ? memberName(session.doc, c.givenBy) : '' }))
}

/** The live consent for an organisation the person typed, if any (names compare ignoring case). */
export function liveConsentFor(session: PlanSession, organisationName: string): ConsentInfo | null {
  const name = organisationName.trim()
  if (!name) return null
  return session.consents().find((c) => c.status === 'live' && sameOrganisationName(c.organisationName, name)) ?? null
}

/** moved to the access layer, where "Voor jou" reads it too */
export { undecidedOrganisations } from '../../access/forYou'

/** Whether withdrawing the consent for this organisation would shut out every admin of the plan. */
export function withdrawLeavesNoAdmin(session: PlanSession, organisationId: string): boolean {
  const admins = session.members().filter((m) => m.role === 'admin')
  return admins.length > 0 && admins.every((m) => session.organisationOf(m.memberKey) === organisationId)
}

/** End of the chosen day (yyyy-mm-dd) on this device's clock, in ms; NaN when not a date. */
export function endOfDay(isoDate: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate)
  if (!m) return Number.NaN
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59, 999).getTime()
}

/** A year from today as yyyy-mm-dd: a sensible first end date for a school year's plan. */
export function aYearFromToday(now = new Date()): string {
  const d = new Date(now.getFullYear() + 1, now.getMonth(), now.getDate())
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}
