/**
 * The plan's content as JSON for another system, and the parents' own copy: readable without
 * Samenplan (docs/EXPORT-JSON.md documents every field). Versioned: `format` and `version` say
 * what a reader holds; a field is only ever added within a version.
 *
 * A pure function of the plan doc (and the clock for `exportedAt`): what the section accessors
 * read, nothing of the signed log, no key. Collaborative texts are plain text (their formatting
 * stays in the plan). People are named by member key (hex) in records, and by name in `team`.
 */
import type * as Y from 'yjs'
import { createActions, type Action } from './actions'
import { createAttachments, type AttachmentPlace, type AttachmentType } from './attachments'
import { createChild, type ChildDetails } from './child'
import { createConsents } from './consent'
import { createFactors, type Factor } from './factors'
import { createGoals, type Goal } from './goals'
import { createMeetings, type Meeting } from './meetings'
import { createNeeds, type NeedHolder } from './needs'
import { createObservations, type Observation } from './observations'
import { createOrganisations } from './organisations'
import { createPerspective, type PerspectiveSnapshot } from './perspective'
import { createRoute, type RouteStep } from './route'
import { createSocialMap, type Contact } from './socialMap'
import { createMeta, type PlanMeta } from './status'
import { createTeam, type TeamMember } from './team'
import { createVoices, PERSPECTIVES, type Perspective, type VoiceComment, type VoiceField } from './voices'

export const CONTENT_JSON_FORMAT = 'samenplan-plan'
export const CONTENT_JSON_VERSION = 1

/** Every section the JSON holds, in the order it lists them. */
export const CONTENT_SECTIONS = [
  'child',
  'status',
  'team',
  'route',
  'needs',
  'voices',
  'factors',
  'perspective',
  'goals',
  'actions',
  'observations',
  'meetings',
  'socialMap',
  'organisations',
  'consents',
  'attachments',
] as const
export type ContentSection = (typeof CONTENT_SECTIONS)[number]

export interface MeetingWithNotes extends Meeting {
  /** the notes per agenda item (keyed by the item's id in `agenda`), plain text */
  notes: Record<string, string>
}

export interface AttachmentListing {
  id: string
  name: string
  type: AttachmentType
  /** bytes */
  size: number
  /** hex BLAKE2b-256 of the file: a copy kept elsewhere can be checked against it */
  hash: string
  place: AttachmentPlace
  createdBy: string
  createdAt: number
}

export interface PlanContentSections {
  child: ChildDetails
  status: PlanMeta
  team: TeamMember[]
  route: RouteStep[]
  needs: Record<NeedHolder, string>
  voices: Record<Perspective, Record<VoiceField, string> & { comments: VoiceComment[] }>
  factors: Factor[]
  perspective: PerspectiveSnapshot
  goals: Goal[]
  actions: Action[]
  observations: Observation[]
  meetings: MeetingWithNotes[]
  socialMap: Contact[]
  organisations: { id: string; name: string; kind: string }[]
  consents: {
    organisationId: string
    organisationName: string
    purpose: string
    givenBy: string
    givenAt: number
    expiresAt: number
    withdrawnAt: number
  }[]
  /** what is attached (never the file or its key: the files themselves are downloaded one by one) */
  attachments: AttachmentListing[]
}

export interface PlanContentJson {
  format: typeof CONTENT_JSON_FORMAT
  version: typeof CONTENT_JSON_VERSION
  /** ISO 8601, UTC */
  exportedAt: string
  /** the plan's id (base64url), when known */
  planId?: string
  /** the sections given, in CONTENT_SECTIONS order; a section left out is absent */
  sections: Partial<PlanContentSections>
}

type Readers = { [S in ContentSection]: (doc: Y.Doc) => PlanContentSections[S] }

const READERS: Readers = {
  child: (doc) => createChild(doc).get(),
  status: (doc) => createMeta(doc).get(),
  team: (doc) => createTeam(doc).list(),
  route: (doc) => createRoute(doc).list(),
  needs: (doc) => createNeeds(doc).snapshot(),
  voices: (doc) => {
    const voices = createVoices(doc)
    const texts = voices.snapshot()
    return Object.fromEntries(PERSPECTIVES.map((p) => [p, { ...texts[p], comments: voices.comments(p) }])) as PlanContentSections['voices']
  },
  factors: (doc) => createFactors(doc).list(),
  perspective: (doc) => createPerspective(doc).snapshot(),
  goals: (doc) => createGoals(doc).list(),
  actions: (doc) => createActions(doc).list(),
  observations: (doc) => createObservations(doc).list(),
  meetings: (doc) => {
    const meetings = createMeetings(doc)
    return meetings.list().map((m) => ({ ...m, notes: meetings.notesSnapshot(m.id) }))
  },
  socialMap: (doc) => createSocialMap(doc).list(),
  organisations: (doc) => {
    const orgs = createOrganisations(doc)
    return orgs.list().map((o) => ({ id: o.id, name: o.name, kind: orgs.kindOf(o.id) ?? '' }))
  },
  consents: (doc) =>
    createConsents(doc)
      .list()
      .map((c) => ({
        organisationId: c.organisationId,
        organisationName: c.organisationName,
        purpose: c.purpose,
        givenBy: c.givenBy,
        givenAt: c.givenAt,
        expiresAt: c.expiresAt,
        withdrawnAt: c.withdrawnAt,
      })),
  attachments: (doc) =>
    createAttachments(doc)
      .list()
      .map((a) => ({ id: a.id, name: a.name, type: a.type, size: a.size, hash: a.hash, place: a.place, createdBy: a.createdBy, createdAt: a.createdAt })),
}

export interface ContentJsonOptions {
  now: number
  planId?: string
  /** the sections to include (default: all) */
  sections?: readonly ContentSection[]
}

/** The plan's content as a JSON value (`JSON.stringify` it to save). */
export function planContentJson(doc: Y.Doc, opts: ContentJsonOptions): PlanContentJson {
  const wanted = new Set(opts.sections ?? CONTENT_SECTIONS)
  const sections: Partial<PlanContentSections> = {}
  for (const s of CONTENT_SECTIONS) if (wanted.has(s)) (sections as Record<string, unknown>)[s] = READERS[s](doc)
  return {
    format: CONTENT_JSON_FORMAT,
    version: CONTENT_JSON_VERSION,
    exportedAt: new Date(opts.now).toISOString(),
    ...(opts.planId ? { planId: opts.planId } : {}),
    sections,
  }
}

/** The file a person saves: pretty-printed, so it reads in any text editor. */
export function planContentJsonText(doc: Y.Doc, opts: ContentJsonOptions): string {
  return `${JSON.stringify(planContentJson(doc, opts), null, 2)}\n`
}
