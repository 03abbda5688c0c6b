/**
 * The conversations with the parents the law asks of an OPP, each a dated record: the OOGO (op
 * overeenstemming gericht overleg) before the OPP is set, and the yearly evaluation of the OPP with
 * the parents. Who took part is named (members by key, others in words: "tolk", "opa") and the
 * outcome is written down. The reminders reckon the next yearly evaluation from the last one
 * (src/plan/reminders.ts).
 */
import type * as Y from 'yjs'
import { PlanError } from './errors'
import { checkDate, checkMemberKey, checkOneOf, checkText, readDate, readNumber, readOneOf, readString, readStrings } from './fields'
import { LONG_TEXT_MAX, SHORT_TEXT_MAX } from './limits'
import { createRecordStore, newestFirst } from './records'

export const OPP_CONVERSATIONS = 'oppConversations'

export const OPP_CONVERSATION_KINDS = ['oogo', 'evaluatie'] as const
export type OppConversationKind = (typeof OPP_CONVERSATION_KINDS)[number]

/** at most this many members named as taking part: a conversation is a handful of people */
export const MAX_PARTICIPANT_KEYS = 32

export interface OppConversation {
  id: string
  kind: OppConversationKind
  /** yyyy-mm-dd */
  date: string
  /** members who took part (member keys) */
  participantKeys: string[]
  /** others who took part, in words */
  others: string
  /** what was agreed or concluded */
  outcome: string
  createdBy: string
  createdAt: number
}

type ConversationFields = Pick<OppConversation, 'kind' | 'date' | 'participantKeys' | 'others' | 'outcome'>
export type NewOppConversation = Pick<ConversationFields, 'kind' | 'date' | 'outcome'> & Partial<ConversationFields>
export type OppConversationPatch = Partial<Omit<ConversationFields, 'kind'>>

function read(map: Y.Map<unknown>): OppConversation | null {
  const id = map.get('id')
  const kind = readOneOf<OppConversationKind | ''>(map, 'kind', OPP_CONVERSATION_KINDS, '')
  if (typeof id !== 'string' || kind === '') return null
  return {
    id,
    kind,
    date: readDate(map, 'date'),
    participantKeys: readStrings(map, 'participantKeys'),
    others: readString(map, 'others'),
    outcome: readString(map, 'outcome'),
    createdBy: readString(map, 'createdBy'),
    createdAt: readNumber(map, 'createdAt'),
  }
}

function checkKeys(value: unknown): string[] {
  if (!Array.isArray(value)) throw new PlanError('invalid-value', 'participantKeys', 'participantKeys must be a list of member keys')
  if (value.length > MAX_PARTICIPANT_KEYS)
    throw new PlanError('too-long', 'participantKeys', `at most ${MAX_PARTICIPANT_KEYS} members take part`, MAX_PARTICIPANT_KEYS)
  return [...new Set((value as unknown[]).map((k) => checkMemberKey('participantKeys', k, { optional: false })))]
}

function check(p: OppConversationPatch & { kind?: OppConversationKind }, isNew: boolean): Partial<ConversationFields> {
  const out: Partial<ConversationFields> = {}
  if (isNew) out.kind = checkOneOf('kind', p.kind, OPP_CONVERSATION_KINDS)
  if (isNew || p.date !== undefined) out.date = checkDate('date', p.date)
  if (isNew || p.participantKeys !== undefined) out.participantKeys = checkKeys(p.participantKeys ?? [])
  if (isNew || p.others !== undefined) out.others = checkText('others', p.others ?? '', { max: SHORT_TEXT_MAX })
  if (isNew || p.outcome !== undefined) out.outcome = checkText('outcome', p.outcome, { required: true, max: LONG_TEXT_MAX })
  return out
}

export interface OppConversationsAccessor {
  /** newest first */
  list(): OppConversation[]
  get(id: string): OppConversation | null
  add(conversation: NewOppConversation, createdBy: string, now?: number): string
  update(id: string, patch: OppConversationPatch): void
  remove(id: string): void
  observe(listener: (conversations: OppConversation[]) => void): () => void
}

export function createOppConversations(doc: Y.Doc): OppConversationsAccessor {
  const store = createRecordStore(doc, OPP_CONVERSATIONS, 'gesprek', read)
  const list = () => newestFirst(store.list())
  return {
    list,
    get: store.get,
    add: (conversation, createdBy, now = Date.now()) => store.insert(check(conversation, true), createdBy, now),
    update: (id, patch) => store.patch(id, check(patch, false)),
    remove: (id) => void store.remove(id),
    observe: (listener) => store.observe(() => listener(list())),
  }
}

/** The date of the newest conversation of a kind held on or before `today`, or ''. */
export function lastConversationOn(conversations: readonly { kind: string; date: string }[], kind: OppConversationKind, today: string): string {
  return (
    conversations
      .filter((c) => c.kind === kind && c.date !== '' && c.date <= today)
      .map((c) => c.date)
      .sort()
      .at(-1) ?? ''
  )
}
