/**
 * Organisations the plan shares with (a school, a care provider, the wijkteam). The signed log
 * names an organisation only by a random 32-byte id (R12 needs it public); its name lives here,
 * in the encrypted plan, so the relay learns which members belong together but not to what.
 */
import * as Y from 'yjs'

export const ORGANISATIONS = 'organisations'

/**
 * What kind of organisation each is, by id: its staff write the school's or care's voice (P4).
 * A Y.Map of id -> kind; only admins write it (every client refuses anyone else's change).
 */
export const ORGANISATION_KINDS = 'organisationKinds'
export const ORGANISATION_KIND_VALUES = ['school', 'zorg'] as const
export type OrganisationKind = (typeof ORGANISATION_KIND_VALUES)[number]

/** The kind the plan gives an organisation, or undefined (none, or one this client does not know). */
export function organisationKindOf(doc: Y.Doc, id: string | undefined): OrganisationKind | undefined {
  if (!id) return undefined
  const kind = doc.getMap<unknown>(ORGANISATION_KINDS).get(id)
  return ORGANISATION_KIND_VALUES.find((k) => k === kind)
}

/** 32 bytes, the size of an organisation id in the signed records (ORG_BYTES in src/sync/blob.ts) */
const ORG_ID_BYTES = 32

export interface Organisation {
  /** hex of the 32-byte id in member and consent records */
  id: string
  name: string
  createdBy: string
  createdAt: number
}

export function randomOrganisationId(): string {
  const bytes = new Uint8Array(ORG_ID_BYTES)
  globalThis.crypto.getRandomValues(bytes)
  let hex = ''
  for (const b of bytes) hex += b.toString(16).padStart(2, '0')
  return hex
}

const ID_PATTERN = /^[0-9a-f]{64}$/

function read(map: Y.Map<unknown>): Organisation | null {
  const id = map.get('id')
  const name = map.get('name')
  if (typeof id !== 'string' || !ID_PATTERN.test(id) || typeof name !== 'string') return null
  const createdBy = map.get('createdBy')
  const createdAt = map.get('createdAt')
  return { id, name, createdBy: typeof createdBy === 'string' ? createdBy : '', createdAt: typeof createdAt === 'number' ? createdAt : 0 }
}

/** Names compare as a person reads them: case and surrounding or doubled spaces do not count. */
export function sameOrganisationName(a: string, b: string): boolean {
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLocaleLowerCase('nl')
  return norm(a) === norm(b)
}

export interface OrganisationsAccessor {
  /** one entry per id (two devices adding the same id concurrently keep the first) */
  list(): Organisation[]
  get(id: string): Organisation | null
  findByName(name: string): Organisation | null
  add(org: { id: string; name: string }, createdBy: string, now?: number): void
  kindOf(id: string): OrganisationKind | undefined
  /** admins only (P4): whose staff write the school's or care's voice; '' takes the kind away */
  setKind(id: string, kind: OrganisationKind | ''): void
  observe(listener: (orgs: Organisation[]) => void): () => void
}

export function createOrganisations(doc: Y.Doc): OrganisationsAccessor {
  const array = doc.getArray<Y.Map<unknown>>(ORGANISATIONS)
  const list = (): Organisation[] => {
    const seen = new Set<string>()
    const out: Organisation[] = []
    for (const map of array.toArray()) {
      const org = read(map)
      if (!org || seen.has(org.id)) continue
      seen.add(org.id)
      out.push(org)
    }
    return out
  }
  return {
    list,
    get: (id) => list().find((o) => o.id === id) ?? null,
    findByName: (name) => list().find((o) => sameOrganisationName(o.name, name)) ?? null,
    add({ id, name }, createdBy, now = Date.now()) {
      if (!ID_PATTERN.test(id)) throw new Error('an organisation id is 64 hex digits')
      if (!name.trim()) throw new Error('an organisation has a name')
      if (list().some((o) => o.id === id)) return
      const map = new Y.Map<unknown>()
      map.set('id', id)
      map.set('name', name.trim().replace(/\s+/g, ' '))
      map.set('createdBy', createdBy)
      map.set('createdAt', now)
      array.push([map])
    },
    kindOf: (id) => organisationKindOf(doc, id),
    setKind(id, kind) {
      if (!ID_PATTERN.test(id)) throw new Error('an organisation id is 64 hex digits')
      const kinds = doc.getMap<unknown>(ORGANISATION_KINDS)
      if (kind === '') {
        if (kinds.has(id)) kinds.delete(id)
      } else if (kinds.get(id) !== kind) kinds.set(id, kind)
    },
    observe(listener) {
      const handler = () => listener(list())
      const kinds = doc.getMap<unknown>(ORGANISATION_KINDS)
      array.observeDeep(handler)
      kinds.observe(handler)
      return () => {
        array.unobserveDeep(handler)
        kinds.unobserve(handler)
      }
    },
  }
}
