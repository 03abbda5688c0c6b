/**
 * The plan's content as JSON for another system, and the parents' own copy: readable without
 * Samenplan (docs/EXPORT-JSON.md documents every field). Versioned: `format` and `version` say
 * what a reader holds; a field is only ever added within a version.
 *
 * A pure function of the plan doc (and the clock for `exportedAt`): what the section accessors
 * read, nothing of the signed log, no key. Collaborative texts are plain text (their formatting
 * stays in the plan). People are named by member key (hex) in records, and by name in `team`.
 * Signed acts kept in the plan (instemming, vaststelling) are listed as stored, not judged: whether
 * one counts depends on its signer's role and party in the signed log, which the file does not hold.
 */
import type * as Y from 'yjs'
import { createActions, type Action } from './actions'
import { createAttachments, type AttachmentPlace, type AttachmentType } from './attachments'
import { createChild, type ChildDetails } from './child'
import { createConsents } from './consent'
import { createFactors, type Factor } from './factors'
import { createGoals, type Goal } from './goals'
import { createHandelingsdeel, type Measure } from './handelingsdeel'
import { createInstemming, versionOf, type InstemmingKind } from './instemming'
import { createMeetings, type Meeting } from './meetings'
import { createNeeds, type NeedHolder } from './needs'
import { createObservations, type Observation } from './observations'
import { createOppConversations, type OppConversation } from './oppConversations'
import { createOrganisations } from './organisations'
import { createPerspective, type PerspectiveSnapshot } from './perspective'
import { createPreparations, type PreparationQuestion } from './preparations'
import { createRequest, type RequestDetails } from './request'
import { createRoute, type RouteStep } from './route'
import { createSocialMap, type Contact } from './socialMap'
import { createMeta, type PlanMeta } from './status'
import { createTeam, type TeamMember } from './team'
import { createVaststelling, type VaststellingBasis } from './vaststelling'
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
  'handelingsdeel',
  'oppConversations',
  'instemming',
  'vaststelling',
  'observations',
  'meetings',
  'preparations',
  'request',
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

/** One person's answers to the three questions before one meeting (P10), plain text, '' when left open. */
export interface PreparationListing {
  meetingId: string
  /** the person's key (its first device's), as the plan keeps the answers under it */
  memberKey: string
  answers: Record<PreparationQuestion, string>
}

/** A signed act of a parent (or the pupil from 18) on the handelingsdeel (P2), as the plan holds it: not judged here. */
export interface InstemmingListing {
  id: string
  act: 'agreement' | InstemmingKind
  /** 1: the afspraken only; 2: the whole handelingsdeel */
  version: 1 | 2
  memberKey: string
  /** hex BLAKE2b-256 of the version the act is about */
  hash: string
  signedAt: number
  /** hex Ed25519 signature by memberKey */
  signature: string
  /** a disagreement's reason, '' otherwise */
  reason: string
}

/** A vaststelling by the school (P11), as the plan holds it: not judged here. */
export interface VaststellingListing {
  id: string
  memberKey: string
  /** hex BLAKE2b-256 of the handelingsdeel version set */
  hash: string
  basis: VaststellingBasis
  signedAt: number
  signature: string
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
  /** the handelingsdeel's lines (its tussendoelen are the `goals` they name) */
  handelingsdeel: Measure[]
  /** the OOGO and the yearly evaluations of the OPP with the parents, newest first */
  oppConversations: OppConversation[]
  instemming: InstemmingListing[]
  vaststelling: VaststellingListing[]
  observations: Observation[]
  meetings: MeetingWithNotes[]
  /** every answer to a meeting the plan holds: what every member reads beside the form */
  preparations: PreparationListing[]
  /** what is asked of the gemeente; the rest of the request is compiled from the other sections */
  request: RequestDetails
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
  handelingsdeel: (doc) => createHandelingsdeel(doc).list(),
  oppConversations: (doc) => createOppConversations(doc).list(),
  instemming: (doc) =>
    createInstemming(doc)
      .list()
      .map((e) => ({
        id: e.id,
        act: e.kind ?? 'agreement',
        version: versionOf(e),
        memberKey: e.memberKey,
        hash: e.actionsHash,
        signedAt: e.signedAt,
        signature: e.signature,
        reason: e.reason ?? '',
      })),
  vaststelling: (doc) =>
    createVaststelling(doc)
      .list()
      .map((e) => ({ id: e.id, memberKey: e.memberKey, hash: e.hash, basis: e.basis, signedAt: e.signedAt, signature: e.signature })),
  observations: (doc) => createObservations(doc).list(),
  meetings: (doc) => {
    const meetings = createMeetings(doc)
    return meetings.list().map((m) => ({ ...m, notes: meetings.notesSnapshot(m.id) }))
  },
  // P10 decides who writes an answer, not who reads it: every member reads the others' answers
  // beside the form (MeetingPreparations). Answers to a meeting the plan no longer holds are
  // shown to nobody, so they stay out.
  preparations: (doc) => {
    const preparations = createPreparations(doc)
    return createMeetings(doc)
      .list()
      .flatMap((m) => preparations.forMeeting(m.id).map((p) => ({ meetingId: m.id, memberKey: p.memberKey, answers: { ...p.answers } })))
  },
  request: (doc) => createRequest(doc).get(),
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
