/**
 * Betrokkenen: the people on the plan. A list of records with stable random ids; each carries
 * createdBy (member key) and createdAt. memberKey links a record to a member's device key once
 * they joined (or to their invite's key until then); '' is someone on the team without the app.
 * People outside the plan worth knowing ("who to call for what") are in the sociale kaart
 * (socialMap.ts) since schema 2.
 * The texts hold the limits of limits.ts (a name NAME_MAX, the rest SHORT_TEXT_MAX); a longer
 * one is refused on write with PlanError 'too-long', before anything is written.
 */
import * as Y from 'yjs'
import { ROLES, type Role } from '../sync/blob'
import { checkText } from './fields'
import { randomId } from './ids'
import { NAME_MAX, SHORT_TEXT_MAX } from './limits'

export const TEAM = 'team'

/** the role the team list shows: one of the signed log's roles */
export type TeamRole = Role

export interface TeamMember {
  id: string
  /** hex Ed25519 public key of the member's device, or '' for someone outside the plan */
  memberKey: string
  name: string
  role: TeamRole
  organisation: string
  /** "bel mij voor…": what to call this person for */
  callFor: string
  /** how to reach them: phone, e-mail, days */
  reach: string
  createdBy: string
  createdAt: number
}

export type NewTeamMember = Pick<TeamMember, 'memberKey' | 'name' | 'role' | 'organisation'> & Partial<Pick<TeamMember, 'callFor' | 'reach'>>
export type TeamMemberPatch = Partial<Pick<TeamMember, 'memberKey' | 'name' | 'role' | 'organisation' | 'callFor' | 'reach'>>

/** The texts of a member and their limits. */
const TEXT_LIMITS = { name: NAME_MAX, organisation: SHORT_TEXT_MAX, callFor: SHORT_TEXT_MAX, reach: SHORT_TEXT_MAX } as const
type TextField = keyof typeof TEXT_LIMITS
const isTextField = (k: string): k is TextField => k in TEXT_LIMITS

function read(map: Y.Map<unknown>): TeamMember | null {
  const id = map.get('id')
  if (typeof id !== 'string') return null
  const str = (k: string) => {
    const v = map.get(k)
    return typeof v === 'string' ? v : ''
  }
  const role = ROLES.find((r) => r === map.get('role')) ?? 'reader'
  const createdAt = map.get('createdAt')
  return {
    id,
    memberKey: str('memberKey'),
    name: str('name'),
    role,
    organisation: str('organisation'),
    callFor: str('callFor'),
    reach: str('reach'),
    createdBy: str('createdBy'),
    createdAt: typeof createdAt === 'number' ? createdAt : 0,
  }
}

export interface TeamAccessor {
  list(): TeamMember[]
  add(member: NewTeamMember, createdBy: string, now?: number): string
  update(id: string, patch: TeamMemberPatch): void
  remove(id: string): void
  findByKey(memberKey: string): TeamMember | null
  observe(listener: (members: TeamMember[]) => void): () => void
}

export function createTeam(doc: Y.Doc): TeamAccessor {
  const array = doc.getArray<Y.Map<unknown>>(TEAM)
  const list = (): TeamMember[] =>
    array
      .toArray()
      .map(read)
      .filter((m): m is TeamMember => m !== null)
  const indexOf = (id: string) => array.toArray().findIndex((m) => m.get('id') === id)
  return {
    list,
    add(member, createdBy, now = Date.now()) {
      const text = (k: TextField) => checkText(k, member[k] ?? '', { max: TEXT_LIMITS[k] })
      const [name, organisation, callFor, reach] = [text('name'), text('organisation'), text('callFor'), text('reach')]
      const id = randomId()
      const map = new Y.Map<unknown>()
      map.set('id', id)
      map.set('memberKey', member.memberKey)
      map.set('name', name)
      map.set('role', member.role)
      map.set('organisation', organisation)
      map.set('callFor', callFor)
      map.set('reach', reach)
      map.set('createdBy', createdBy)
      map.set('createdAt', now)
      array.push([map])
      return id
    },
    update(id, patch) {
      const map = array.toArray().find((m) => m.get('id') === id)
      if (!map) throw new Error(`no team member ${id}`)
      // a text is checked when it changes (one stored longer by an older client may be kept as it is)
      const checked = Object.entries(patch)
        .filter(([k, v]) => v !== undefined && map.get(k) !== v)
        .map(([k, v]) => [k, isTextField(k) ? checkText(k, v, { max: TEXT_LIMITS[k] }) : v] as const)
      doc.transact(() => {
        for (const [k, v] of checked) if (map.get(k) !== v) map.set(k, v)
      })
    },
    remove(id) {
      const i = indexOf(id)
      if (i >= 0) array.delete(i, 1)
    },
    findByKey(memberKey) {
      if (!memberKey) return null
      return list().find((m) => m.memberKey === memberKey) ?? null
    },
    observe(listener) {
      const handler = () => listener(list())
      array.observeDeep(handler)
      return () => array.unobserveDeep(handler)
    },
  }
}

/** The name a member key goes by in this plan ('' if unknown): for "invited by" and activity. */
export function memberName(doc: Y.Doc, memberKey: string): string {
  return createTeam(doc).findByKey(memberKey)?.name ?? ''
}
