/**
 * Consent for sharing with an organisation (R12): given or withdrawn by a parent with gezag or the
 * youth from 16. The signed record carries only the details' hash; the details themselves go into
 * the encrypted plan, where this device may write them.
 */
import { consentSalt, createConsents, createOrganisations, SIGNED_ACT_ORIGIN } from '../../plan'
import { decodeBlob } from '../../sync/blob'
import { fromHex, toHex } from '../../sync/bytes'
import { createConsentRecord } from '../../sync/records'
import { applyRecord, checkRecord, draftOf, mayGiveConsent, membershipHeads } from '../../sync/roomState'
import { consentDetailsHash } from '../consentHash'
import { AccessError } from '../errors'
import { shutOutOthers } from '../rotation'
import type { GiveConsentOptions, OrganisationInfo } from '../types'
import { forgetTeamEntries } from './membership'
import { chooseOrganisation } from './organisations'
import type { SessionParts } from './parts'

/** Gives consent for one of `organisations` (or a new one by name); returns its id. */
export function giveConsent(s: SessionParts, organisations: readonly OrganisationInfo[], options: GiveConsentOptions): string {
  if (!mayGiveConsent(s.room, s.me)) throw new AccessError('consent-forbidden', 'only a parent with gezag or the youth from 16 gives consent')
  const purpose = options.purpose.trim()
  if (!purpose) throw new AccessError('consent-invalid', 'say what may be shared for what')
  const now = Date.now()
  if (!(options.expiresAt > now)) throw new AccessError('consent-invalid', 'a consent ends in the future')
  // also one the log names but the plan does not: it gets its name now
  const { id: organisationId, name } = chooseOrganisation(organisations, options, 'consent is given for an organisation')
  const known = createOrganisations(s.doc)
  const me = s.me
  const details = { organisationId, organisationName: name, purpose, givenBy: me, givenAt: now, expiresAt: Math.trunc(options.expiresAt), salt: consentSalt() }
  const hash = consentDetailsHash(details)
  s.pushOwnRecords([
    createConsentRecord(s.writer, s.planId, {
      op: 'give',
      organisation: fromHex(organisationId),
      expiresAt: details.expiresAt,
      details: hash,
      after: membershipHeads(s.room),
    }),
  ])
  // the details are in the encrypted plan; a read-only member's device cannot write there.
  // A signed act: never an undo step (src/plan/undo.ts)
  if (s.mayWritePlan()) {
    s.doc.transact(() => {
      if (!known.get(organisationId)) known.add({ id: organisationId, name }, me, now)
      createConsents(s.doc).add({ ...details, recordHash: toHex(hash) }, me, now)
    }, SIGNED_ACT_ORIGIN)
  }
  return organisationId
}

/**
 * Withdraws the organisation's consent. An admin's device removes who just lost access and
 * rotates the key in the same step, so they read nothing new; any other device leaves that to an
 * admin's (adminDuties.ts).
 */
export function withdrawConsent(s: SessionParts, organisationId: string): void {
  if (!mayGiveConsent(s.room, s.me)) throw new AccessError('consent-forbidden', 'only a parent with gezag or the youth from 16 withdraws consent')
  const now = Date.now()
  const consent = s.room.consents.get(organisationId)
  const withdraw = createConsentRecord(s.writer, s.planId, {
    op: 'withdraw',
    organisation: fromHex(organisationId),
    expiresAt: consent?.expiresAt ?? 0,
    // names the consent it withdraws; zeros when the organisation never had one (the creator's)
    details: consent?.status === 'given' ? fromHex(consent.details) : new Uint8Array(32),
    after: membershipHeads(s.room),
  })
  const me = s.me
  // who is shut out once the withdrawal is in
  const after = draftOf(s.room)
  const blob = decodeBlob(withdraw)
  checkRecord(after, blob, now)
  applyRecord(after, blob)
  const leaving = s.role() === 'admin' && s.keys.newest() ? shutOutOthers(after, me, now) : []
  if (leaving.length > 0) {
    s.renewKey(after, leaving, now, [withdraw])
    forgetTeamEntries(s.doc, leaving)
  } else {
    s.pushOwnRecords([withdraw])
  }
  if (s.mayWritePlan()) {
    const consents = createConsents(s.doc)
    s.doc.transact(() => {
      for (const e of consents.list()) if (e.organisationId === organisationId && !e.withdrawnAt) consents.markWithdrawn(e.id, me, now)
    }, SIGNED_ACT_ORIGIN)
  }
}
