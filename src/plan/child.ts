/**
 * Basisgegevens: minimal on purpose. Name, date of birth, school and group only; never a BSN or
 * a diagnosis. Short fields are plain strings (last writer wins per field), which fits names.
 * Each holds a name's length at most (limits.ts NAME_MAX); a longer one is refused on write.
 */
import type * as Y from 'yjs'
import { checkDate, checkText } from './fields'
import { NAME_MAX } from './limits'

export const CHILD = 'child'

export interface ChildDetails {
  name: string
  /** ISO date, yyyy-mm-dd, or '' */
  dateOfBirth: string
  school: string
  group: string
}

export const CHILD_FIELDS = ['name', 'dateOfBirth', 'school', 'group'] as const satisfies readonly (keyof ChildDetails)[]

function asString(v: unknown): string {
  if (typeof v === 'string') return v
  // a Y.Text written by another client version still reads as its text
  if (v && typeof v === 'object' && 'toString' in v) return String(v)
  return ''
}

export interface ChildAccessor {
  get(): ChildDetails
  set(patch: Partial<ChildDetails>): void
  observe(listener: (details: ChildDetails) => void): () => void
}

export function createChild(doc: Y.Doc): ChildAccessor {
  const map = doc.getMap<unknown>(CHILD)
  const get = (): ChildDetails => ({
    name: asString(map.get('name')),
    dateOfBirth: asString(map.get('dateOfBirth')),
    school: asString(map.get('school')),
    group: asString(map.get('group')),
  })
  return {
    get,
    set(patch) {
      // every field is checked before anything is written: a refused patch leaves the doc as it was
      const checked: Partial<ChildDetails> = {}
      for (const key of CHILD_FIELDS) {
        const value = patch[key]
        if (value === undefined) continue
        checked[key] = key === 'dateOfBirth' ? checkDate(key, value, { optional: true }) : checkText(key, value, { max: NAME_MAX })
      }
      doc.transact(() => {
        for (const key of CHILD_FIELDS) {
          const value = checked[key]
          if (value !== undefined && asString(map.get(key)) !== value) map.set(key, value)
        }
      })
    },
    observe(listener) {
      const handler = () => listener(get())
      map.observe(handler)
      return () => map.unobserve(handler)
    },
  }
}
