/**
 * Needs that came from a meeting: a line of a meeting's notes that says what the child, the
 * teacher or the parents need, kept as its own entry with the meeting it came from, shown under
 * the needs section's text for that holder with a link back to the meeting. The needs' own texts
 * (src/plan/needs.ts) stay as they are: a line from a meeting never rewrites what people typed.
 */
import type * as Y from 'yjs'
import { checkOneOf, checkText, readNumber, readOneOf, readString } from './fields'
import { LINE_MAX } from './limits'
import { NEED_HOLDERS, type NeedHolder } from './needs'
import { createRecordStore } from './records'

export const NEED_LINES = 'needLines'
export type { NeedHolder }

export interface NeedLine {
  id: string
  holder: NeedHolder
  text: string
  /** the meeting it came from, or '' */
  meetingId: string
  createdBy: string
  createdAt: number
}

export type NewNeedLine = Pick<NeedLine, 'holder' | 'text'> & { meetingId?: string }

function read(map: Y.Map<unknown>): NeedLine {
  return {
    id: readString(map, 'id'),
    // a holder from a newer client: shown under the child rather than lost
    holder: readOneOf(map, 'holder', NEED_HOLDERS, 'kind'),
    text: readString(map, 'text'),
    meetingId: readString(map, 'meetingId'),
    createdBy: readString(map, 'createdBy'),
    createdAt: readNumber(map, 'createdAt'),
  }
}

export interface NeedLinesAccessor {
  /** oldest first */
  list(): NeedLine[]
  forHolder(holder: NeedHolder): NeedLine[]
  add(line: NewNeedLine, createdBy: string, now?: number): string
  remove(id: string): void
  observe(listener: (lines: NeedLine[]) => void): () => void
}

export function createNeedLines(doc: Y.Doc): NeedLinesAccessor {
  const store = createRecordStore(doc, NEED_LINES, 'need', read)
  return {
    list: store.list,
    forHolder: (holder) => store.list().filter((l) => l.holder === holder),
    add(line, createdBy, now = Date.now()) {
      const fields = {
        holder: checkOneOf('holder', line.holder, NEED_HOLDERS),
        text: checkText('text', line.text, { required: true, max: LINE_MAX }),
        meetingId: line.meetingId ?? '',
      }
      return store.insert(fields, createdBy, now)
    },
    remove: (id) => void store.remove(id),
    observe: (listener) => store.observe(listener),
  }
}
