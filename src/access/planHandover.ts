/**
 * Warme overdracht: a parent with gezag hands the child's plan over to the next school. A new
 * plan, started by the parent (who becomes its admin, as any plan's creator), is seeded with the
 * parts the parent chose (content only, through the versioned JSON: no history, no old members);
 * the parent's consent for the receiving school is signed there (R12) and its IB invited (the
 * usual invite link). In the old plan the sending school's access ends at the chosen date: the
 * parent renews the school's consent to end then (R12's end, which shuts a whole organisation out
 * at a set time; R13's end is fixed when someone is invited and cannot be moved).
 */
import { planContentJson } from '../plan/contentJson'
import { createOrganisations } from '../plan/organisations'
import { seedTransferredContent, type TransferSection } from '../plan/transferSeed'
import { createChild } from '../plan/child'
import { AccessError } from './errors'
import type { PlanSession, Role, SamenplanClient } from './types'

/** How long the receiving IB's invite link works, unless the parent says otherwise. */
export const HANDOVER_INVITE_HOURS = 7 * 24

export interface HandoverOptions {
  /** what goes along (TRANSFER_SECTIONS) */
  sections: readonly TransferSection[]
  /** the receiving school's name */
  receivingSchool: string
  /** the receiving IB's name, shown in the team until they join */
  receiverName?: string
  /** what the receiving school may do with the plan, in the parent's words (the consent's purpose) */
  purpose: string
  /** ms: the consent for the receiving school ends then */
  consentUntil: number
  /** the receiving IB's role in the new plan (default editor) */
  receiverRole?: Exclude<Role, 'admin'>
  inviteHours?: number
  /** the sending school's organisation id (hex) in the old plan, and when its access ends (ms) */
  sending?: { organisationId: string; accessEndsAt: number; purpose: string }
}

export interface Handover {
  /** the new plan */
  planId: string
  /** for the receiving IB: the link to join the new plan */
  inviteLink: string
}

export async function handOverPlan(client: SamenplanClient, from: PlanSession, options: HandoverOptions): Promise<Handover> {
  if (!from.mayGiveConsent() || !from.members().some((m) => from.isMine(m.memberKey) && from.party(m.memberKey) === 'gezag')) {
    throw new AccessError('consent-forbidden', 'only a parent with gezag hands a plan over')
  }
  // a closed plan takes no new consent (R19): say so before a new plan is made, not after
  if (options.sending && from.closure()) throw new AccessError('forbidden', 'the plan is closed: the old school’s access cannot be given an end')
  const content = planContentJson(from.doc, { now: Date.now(), sections: options.sections })
  const childName = createChild(from.doc).get().name || content.sections.child?.name || '?'
  const planId = await client.createPlan({ childName, party: 'gezag' })
  const to = await client.openPlan(planId)
  const me = (await client.profile())?.memberKey ?? ''
  seedTransferredContent(to.doc, content, me, Date.now())
  const receiving = await to.giveConsent({ organisationName: options.receivingSchool, purpose: options.purpose, expiresAt: options.consentUntil })
  // the receiving school's staff write the school's voice (P4)
  createOrganisations(to.doc).setKind(receiving, 'school')
  const inviteLink = await to.createInvite({
    role: options.receiverRole ?? 'editor',
    expiresInHours: options.inviteHours ?? HANDOVER_INVITE_HOURS,
    party: 'professional',
    organisationId: receiving,
    ...(options.receiverName ? { name: options.receiverName } : {}),
  })
  if (options.sending) {
    await from.giveConsent({ organisationId: options.sending.organisationId, purpose: options.sending.purpose, expiresAt: options.sending.accessEndsAt })
  }
  return { planId, inviteLink }
}
