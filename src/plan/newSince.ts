/**
 * "Nieuw sinds je laatste bezoek": what others changed in which section since this person last
 * looked at the plan on this device, compiled by a pure function from the signed activity the
 * session keeps (who wrote, when by the writer's clock, which roots of the plan doc). The moment of
 * the last visit is this device's own (kept sealed in the keyring, src/access/client.ts); nothing
 * here is stored or synced.
 *
 * Sections are named by their address word (#/plan/<id>/<section>, src/ui/routes.ts PLAN_SECTIONS)
 * so the UI can link each line to where the change is.
 */

/** The sections a change can be shown in, as their address words. */
export type NewSinceSection =
  | 'status'
  | 'gegevens'
  | 'contacten'
  | 'stemmen'
  | 'factoren'
  | 'behoeften'
  | 'perspectief'
  | 'doelen'
  | 'afspraken'
  | 'hulp'
  | 'observaties'
  | 'overleggen'
  | 'betrokkenen'
  | 'toestemmingen'

/** Top-level roots (the part before the first dot) to the section that shows them. */
const ROOT_SECTIONS: Record<string, NewSinceSection> = {
  meta: 'status',
  child: 'gegevens',
  socialMap: 'contacten',
  voices: 'stemmen',
  voiceComments: 'stemmen',
  factors: 'factoren',
  needs: 'behoeften',
  // needs that came from a meeting's notes show under the needs
  needLines: 'behoeften',
  perspective: 'perspectief',
  handelingsdeel: 'perspectief',
  oppConversations: 'perspectief',
  goals: 'doelen',
  actions: 'afspraken',
  instemming: 'afspraken',
  vaststelling: 'afspraken',
  route: 'hulp',
  // the request to the gemeente is made from the route: its own fields and "klopt" show there
  request: 'hulp',
  requestApprovals: 'hulp',
  observations: 'observaties',
  meetings: 'overleggen',
  preparations: 'overleggen',
  meetingTemplates: 'overleggen',
  // a verslag's "klopt" or correction
  approvals: 'overleggen',
  team: 'betrokkenen',
  organisations: 'betrokkenen',
  organisationKinds: 'betrokkenen',
  consents: 'toestemmingen',
}

/**
 * The section a plan-doc root ("goals.<id>.title", "observations") is shown in; null for roots no
 * section shows on its own (attachments belong to a section the root does not name).
 */
export function sectionOfRoot(root: string): NewSinceSection | null {
  const head = root.split('.', 1)[0] ?? ''
  return Object.hasOwn(ROOT_SECTIONS, head) ? (ROOT_SECTIONS[head] ?? null) : null
}

/** One line: this person changed this section this many times since the mark, the newest at `latest`. */
export interface NewSinceGroup {
  section: NewSinceSection
  author: string
  /** the author's name in the team list when compiled ('' when unknown): the home card has no team list */
  name: string
  count: number
  /** ms, the writer's clock of the newest of these changes */
  latest: number
}

export interface NewSinceInput {
  activity: readonly { author: string; kind: string; writtenAt: number; roots: readonly string[] }[]
  /** ms: the last visit on this device; 0 when never marked (everything by others is then new) */
  since: number
  /** whether a member key is mine (any device of mine): my own changes are never new */
  isMine: (memberKey: string) => boolean
  /** the name the plan knows a member by; '' when unknown */
  nameOf?: (memberKey: string) => string
}

/** At most this many lines: a home card and the top of the plan stay short. */
export const NEW_SINCE_MAX_GROUPS = 20

/**
 * Groups per section and person, newest first. Only updates count: a snapshot restates the plan
 * and names nobody's change. A record that touches two sections counts once in each.
 */
export function newSince(input: NewSinceInput): NewSinceGroup[] {
  const groups = new Map<string, NewSinceGroup>()
  for (const entry of input.activity) {
    if (entry.kind !== 'update' || entry.writtenAt <= input.since || input.isMine(entry.author)) continue
    const sections = new Set<NewSinceSection>()
    for (const root of entry.roots) {
      const section = sectionOfRoot(root)
      if (section) sections.add(section)
    }
    for (const section of sections) {
      const key = `${section}\u0000${entry.author}`
      const group = groups.get(key)
      if (group) {
        group.count += 1
        group.latest = Math.max(group.latest, entry.writtenAt)
      } else groups.set(key, { section, author: entry.author, name: input.nameOf?.(entry.author) ?? '', count: 1, latest: entry.writtenAt })
    }
  }
  return [...groups.values()]
    .sort((a, b) => b.latest - a.latest || a.section.localeCompare(b.section) || a.author.localeCompare(b.author))
    .slice(0, NEW_SINCE_MAX_GROUPS)
}

const SECTIONS = new Set<string>(Object.values(ROOT_SECTIONS))

/** One group as stored (the home summary keeps them sealed); null for anything that is not exactly a group. */
export function readNewSinceGroup(v: unknown): NewSinceGroup | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null
  const o = v as Record<string, unknown>
  if (typeof o.section !== 'string' || !SECTIONS.has(o.section) || typeof o.author !== 'string' || typeof o.name !== 'string') return null
  if (!Number.isSafeInteger(o.count) || (o.count as number) < 1 || typeof o.latest !== 'number' || !Number.isFinite(o.latest)) return null
  return { section: o.section as NewSinceSection, author: o.author, name: o.name, count: o.count as number, latest: o.latest }
}

/** The last-visit mark as bytes to seal, and back; bad bytes read as 0 (never marked). */
export function encodeLastVisit(ms: number): Uint8Array {
  return new TextEncoder().encode(JSON.stringify([1, ms]))
}

export function decodeLastVisit(bytes: Uint8Array): number {
  try {
    const v: unknown = JSON.parse(new TextDecoder().decode(bytes))
    return Array.isArray(v) && v[0] === 1 && typeof v[1] === 'number' && Number.isFinite(v[1]) && v[1] >= 0 ? v[1] : 0
  } catch {
    return 0
  }
}
