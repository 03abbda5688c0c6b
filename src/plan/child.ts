/**
 * Basisgegevens: minimal on purpose. Name, date of birth, school and group only; never a BSN or
 * a diagnosis. Short fields are plain strings (last writer wins per field), which fits names.
 */
import type * as Y from 'yjs'

export const CHILD = 'child'

export interface ChildDetails {
  name: string
  /** ISO date, yyyy-mm-dd, or '' */
  dateOfBirth: string
  school: string
  group: string
}

export const CHILD_FIELDS = ['name', 'dateOfBirth', 'school', 'group'] as const satisfies readonly (keyof ChildDetails)[]

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

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
      if (patch.dateOfBirth && !ISO_DATE.test(patch.dateOfBirth)) throw new Error('dateOfBirth must be yyyy-mm-dd')
      doc.transact(() => {
        for (const key of CHILD_FIELDS) {
          const value = patch[key]
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
