/**
 * Voorbereiding: before a meeting each participant answers three short questions ("Wat wil ik
 * bespreken?", "Wat gaat goed?", "Waar maak ik me zorgen over?"). The answers are the writer's
 * own (P10): a parent's open the meeting at "wat gaat goed" and "zorgen" in her words.
 *
 * Each answer is a root-level Y.Text named `preparations.<meeting id>.<person key>.<question>`,
 * like a comment beside a voice: whose it is can be read from the name, so every client checks
 * that the author is that person (any of its devices) without tracing entries, and two devices
 * of one person typing at once into a fresh answer keep both (a root type is never created twice).
 * The person key is the key of the person's first device, the same on all its devices.
 */
import type * as Y from 'yjs'
import type { Meeting } from './meetings'
import { PlanError } from './errors'

export const PREPARATIONS = 'preparations'

/** The questions, in the order the form asks them. */
export const PREPARATION_QUESTIONS = ['discuss', 'goes-well', 'worries'] as const
export type PreparationQuestion = (typeof PREPARATION_QUESTIONS)[number]

// a meeting id is randomId() (16 bytes as hex); a person key an Ed25519 public key as hex
const ROOT = /^preparations\.([0-9a-f]{32})\.([0-9a-f]{64})\.(discuss|goes-well|worries)$/

export function preparationTextName(meetingId: string, memberKey: string, question: PreparationQuestion): string {
  return `${PREPARATIONS}.${meetingId}.${memberKey}.${question}`
}

/** Whether a root lies under `preparations.` at all: P10 refuses every such root that is not a well-formed answer of the author's own. */
export function isPreparationRoot(root: string): boolean {
  return root.startsWith(`${PREPARATIONS}.`)
}

/** The meeting, person and question an answer root belongs to; null when `root` is not exactly one. */
export function preparationOfRoot(root: string): { meetingId: string; memberKey: string; question: PreparationQuestion } | null {
  const m = ROOT.exec(root)
  if (!m) return null
  return { meetingId: m[1]!, memberKey: m[2]!, question: m[3] as PreparationQuestion }
}

/** One person's answers for one meeting (empty strings for questions left open). */
export interface Preparation {
  memberKey: string
  answers: Record<PreparationQuestion, string>
}

export interface PreparationsAccessor {
  /** one answer's text, for an editor binding */
  text(meetingId: string, memberKey: string, question: PreparationQuestion): Y.Text
  /** everyone who answered anything for this meeting, by person key */
  forMeeting(meetingId: string): Preparation[]
  /** whether this person answered at least one question for this meeting */
  hasPrepared(meetingId: string, memberKey: string): boolean
  /** the meetings this person answered anything for, in one pass over the plan's roots */
  preparedBy(memberKey: string): Set<string>
}

export function createPreparations(doc: Y.Doc): PreparationsAccessor {
  return {
    text(meetingId, memberKey, question) {
      const name = preparationTextName(meetingId, memberKey, question)
      if (!preparationOfRoot(name)) throw new PlanError('invalid-value', 'preparation', `not a preparation: ${name}`)
      return doc.getText(name)
    },
    forMeeting: (meetingId) => preparationsOf(doc, meetingId),
    hasPrepared: (meetingId, memberKey) => preparationsOf(doc, meetingId).some((p) => p.memberKey === memberKey),
    preparedBy(memberKey) {
      const out = new Set<string>()
      for (const name of doc.share.keys()) {
        const root = preparationOfRoot(name)
        if (root?.memberKey === memberKey && !out.has(root.meetingId) && doc.getText(name).toString().trim() !== '') out.add(root.meetingId)
      }
      return out
    },
  }
}

function preparationsOf(doc: Y.Doc, meetingId: string): Preparation[] {
  const byPerson = new Map<string, Preparation>()
  const prefix = `${PREPARATIONS}.${meetingId}.`
  // roots an update names exist in doc.share as soon as it is applied, also when never asked for
  for (const name of doc.share.keys()) {
    if (!name.startsWith(prefix)) continue
    const root = preparationOfRoot(name)
    if (!root) continue
    const text = doc.getText(name).toString().trim()
    if (!text) continue
    let p = byPerson.get(root.memberKey)
    if (!p) byPerson.set(root.memberKey, (p = { memberKey: root.memberKey, answers: { discuss: '', 'goes-well': '', worries: '' } }))
    p.answers[root.question] = text
  }
  return [...byPerson.values()].sort((a, b) => (a.memberKey < b.memberKey ? -1 : a.memberKey > b.memberKey ? 1 : 0))
}

/**
 * The answers to one question for one meeting, to open its agenda item with: "wat gaat goed"
 * (`goes-well`, item 3), "zorgen" (`worries`, item 4), or what people want to discuss. `whose`
 * narrows them to some people, e.g. the parents: `(key) => ['parent', 'gezag'].includes(session.party(key))`
 * (the parties are in the signed log, not in the plan). Ordered by person key, empty answers left out.
 */
export function preparationsForItem(
  doc: Y.Doc,
  meetingId: string,
  question: PreparationQuestion,
  whose: (memberKey: string) => boolean = () => true,
): { memberKey: string; text: string }[] {
  return preparationsOf(doc, meetingId)
    .filter((p) => p.answers[question] !== '' && whose(p.memberKey))
    .map((p) => ({ memberKey: p.memberKey, text: p.answers[question] }))
}

/**
 * The meetings a person is asked to prepare ("Voor jou"): those dated today or later that the
 * person did not prepare yet, and, when a meeting already names members who attend, only those
 * where the person is one of them. Who starts a meeting is marked present and chairs it (the
 * meetings section does so), so the chair alone names no one: such a meeting asks everyone, else
 * only the members named and the chair. Soonest first.
 */
export function meetingsToPrepare(
  meetings: readonly Pick<Meeting, 'id' | 'date' | 'attendees' | 'chair'>[],
  today: string,
  prepared: (meetingId: string) => boolean,
  isMine: (memberKey: string) => boolean,
): { meetingId: string; date: string }[] {
  return meetings
    .filter((m) => m.date !== '' && m.date >= today && !prepared(m.id))
    .filter((m) => {
      const others = m.attendees.flatMap((a) => (a.kind === 'member' && a.memberKey !== m.chair ? [a.memberKey] : []))
      return others.length === 0 || others.some(isMine) || (m.chair !== '' && isMine(m.chair))
    })
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map((m) => ({ meetingId: m.id, date: m.date }))
}
