/**
 * Warme overdracht: the parts of a plan that go along to the next school, written into a new
 * plan from the content JSON (contentJson.ts) the parents chose. Content only: no history
 * (evaluations, meetings, observations, afspraken stay behind), no people (owners and sources
 * who were members of the old plan are not members of the new one), new ids.
 *
 * Voices follow P4 in the new plan too: the parent who starts it writes the parents' and the
 * child's voice; the old school's and care's voices are theirs, so they are not written as the
 * new plan's (they go along in the readable JSON copy the parents keep).
 */
import type * as Y from 'yjs'
import type { PlanContentJson } from './contentJson'
import { createChild } from './child'
import { createFactors } from './factors'
import { createGoals } from './goals'
import { createNeeds, NEED_HOLDERS } from './needs'
import { createPerspective, PERSPECTIVE_TEXTS } from './perspective'
import { createRoute } from './route'
import { createSocialMap } from './socialMap'
import { createVoices, VOICE_FIELDS, type Perspective } from './voices'

/** The sections a parent may send along, in the order the choice lists them. */
export const TRANSFER_SECTIONS = ['child', 'route', 'needs', 'voices', 'factors', 'perspective', 'goals', 'socialMap'] as const
export type TransferSection = (typeof TRANSFER_SECTIONS)[number]

/** The voices the new plan's first writer (a parent) may write as its own (P4). */
export const SEEDED_VOICES: readonly Perspective[] = ['ouders', 'kind']

/**
 * Writes the transferable sections `content` holds into `doc`, in one transaction, as `by`.
 * The child's name is the new plan's already (plan creation sets it); its date of birth goes along.
 */
export function seedTransferredContent(doc: Y.Doc, content: PlanContentJson, by: string, now: number): void {
  const s = content.sections
  doc.transact(() => {
    if (s.child?.dateOfBirth) createChild(doc).set({ dateOfBirth: s.child.dateOfBirth })
    const route = createRoute(doc)
    for (const step of s.route ?? []) route.add({ level: step.level, provider: step.provider, from: step.from, to: step.to, effect: step.effect }, by, now)
    if (s.needs) {
      const needs = createNeeds(doc)
      for (const holder of NEED_HOLDERS) if (s.needs[holder]) needs.text(holder).insert(0, s.needs[holder])
    }
    if (s.voices) {
      const voices = createVoices(doc)
      for (const p of SEEDED_VOICES) for (const field of VOICE_FIELDS) if (s.voices[p]?.[field]) voices.text(p, field).insert(0, s.voices[p][field])
    }
    const factors = createFactors(doc)
    for (const f of s.factors ?? []) factors.add({ domain: f.domain, kind: f.kind, text: f.text, date: f.date, source: f.source }, by, now)
    if (s.perspective) {
      const perspective = createPerspective(doc)
      if (s.perspective.uitstroom) perspective.setUitstroom(s.perspective.uitstroom)
      for (const field of PERSPECTIVE_TEXTS) if (s.perspective[field]) perspective.text(field).insert(0, s.perspective[field])
    }
    const goals = createGoals(doc)
    for (const g of s.goals ?? [])
      goals.add({ title: g.title, description: g.description, domain: g.domain, targetDate: g.targetDate, status: g.status }, by, now)
    const contacts = createSocialMap(doc)
    for (const c of s.socialMap ?? []) contacts.add({ name: c.name, role: c.role, organisation: c.organisation, callFor: c.callFor, reach: c.reach }, by, now)
  })
}
