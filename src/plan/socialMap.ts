/**
 * Sociale kaart: people outside the plan worth knowing, "wie bel je waarvoor": the huisarts, the
 * sportcoach, the wijkteam's front desk. Not members: they never see the plan. Short fields only.
 */
import type * as Y from 'yjs'
import { checkText, readNumber, readString } from './fields'
import { NAME_MAX, SHORT_TEXT_MAX } from './limits'
import { createRecordStore } from './records'

export const SOCIAL_MAP = 'socialMap'

export interface Contact {
  id: string
  name: string
  /** what they do, e.g. "huisarts", "jeugdconsulent" */
  role: string
  organisation: string
  /** "bel mij voor…" */
  callFor: string
  /** how to reach them */
  reach: string
  createdBy: string
  createdAt: number
}

type ContactFields = Omit<Contact, 'id' | 'createdBy' | 'createdAt'>
export type NewContact = Pick<ContactFields, 'name'> & Partial<ContactFields>
export type ContactPatch = Partial<ContactFields>

function read(map: Y.Map<unknown>): Contact {
  return {
    id: readString(map, 'id'),
    name: readString(map, 'name'),
    role: readString(map, 'role'),
    organisation: readString(map, 'organisation'),
    callFor: readString(map, 'callFor'),
    reach: readString(map, 'reach'),
    createdBy: readString(map, 'createdBy'),
    createdAt: readNumber(map, 'createdAt'),
  }
}

function check(patch: ContactPatch, isNew: boolean): Partial<ContactFields> {
  const out: Partial<ContactFields> = {}
  if (isNew || patch.name !== undefined) out.name = checkText('name', patch.name, { required: true, max: NAME_MAX })
  for (const k of ['role', 'organisation', 'callFor', 'reach'] as const) {
    if (patch[k] !== undefined) out[k] = checkText(k, patch[k], { max: SHORT_TEXT_MAX })
    else if (isNew) out[k] = ''
  }
  return out
}

export interface SocialMapAccessor {
  list(): Contact[]
  get(id: string): Contact | null
  add(contact: NewContact, createdBy: string, now?: number): string
  update(id: string, patch: ContactPatch): void
  remove(id: string): void
  observe(listener: (contacts: Contact[]) => void): () => void
}

export function createSocialMap(doc: Y.Doc): SocialMapAccessor {
  const store = createRecordStore(doc, SOCIAL_MAP, 'contact', read)
  return {
    list: store.list,
    get: store.get,
    add: (contact, createdBy, now = Date.now()) => store.insert(check(contact, true), createdBy, now),
    update: (id, patch) => store.patch(id, check(patch, false)),
    remove: (id) => void store.remove(id),
    observe: (listener) => store.observe(listener),
  }
}
