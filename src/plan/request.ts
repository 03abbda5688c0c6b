/**
 * Wat we aanvragen: what exactly is asked of the gemeente (the form of help, how much of it, from
 * when to when) and who pays what (onderwijs, jeugdhulp, or both together). Kept in the `request`
 * map; short fields, last writer wins per field. Nothing is written by default: a missing value
 * reads as empty, so a plan from before the request reads as a request not yet filled in.
 *
 * Everything else the request says comes from the plan (voices, factors, social map, route,
 * casusregisseur): see substantiation.ts. It is never typed twice.
 */
import type * as Y from 'yjs'
import { FUNDERS, type Funder } from './actions'
import { checkDate, checkOneOf, checkPeriod, checkText, readDate, readOneOf, readString } from './fields'
import { LINE_MAX, SHORT_TEXT_MAX } from './limits'

export const REQUEST = 'request'

export interface RequestDetails {
  /** the form of help: "ambulante begeleiding thuis en op school" */
  form: string
  /** how much: "3 uur per week" */
  intensity: string
  /** yyyy-mm-dd or '' */
  start: string
  /** yyyy-mm-dd or '' */
  end: string
  /** who pays: onderwijs, Jeugdwet (jeugdhulp) or gezamenlijk; '' until agreed */
  fundedBy: Funder | ''
  /** what each pays, in words, when it is shared */
  fundingNote: string
}

export type RequestPatch = Partial<RequestDetails>

export interface RequestAccessor {
  get(): RequestDetails
  set(patch: RequestPatch): void
  observe(listener: () => void): () => void
}

function check(patch: RequestPatch): Partial<RequestDetails> {
  const out: Partial<RequestDetails> = {}
  if (patch.form !== undefined) out.form = checkText('form', patch.form, { max: LINE_MAX })
  if (patch.intensity !== undefined) out.intensity = checkText('intensity', patch.intensity, { max: SHORT_TEXT_MAX })
  if (patch.start !== undefined) out.start = checkDate('start', patch.start, { optional: true })
  if (patch.end !== undefined) out.end = checkDate('end', patch.end, { optional: true })
  if (patch.fundedBy !== undefined) out.fundedBy = patch.fundedBy === '' ? '' : checkOneOf('fundedBy', patch.fundedBy, FUNDERS)
  if (patch.fundingNote !== undefined) out.fundingNote = checkText('fundingNote', patch.fundingNote, { max: LINE_MAX })
  return out
}

export function createRequest(doc: Y.Doc): RequestAccessor {
  const map = doc.getMap<unknown>(REQUEST)
  const get = (): RequestDetails => ({
    form: readString(map, 'form'),
    intensity: readString(map, 'intensity'),
    start: readDate(map, 'start'),
    end: readDate(map, 'end'),
    // a funder this client does not know reads as "not yet agreed", never as a wrong one
    fundedBy: readOneOf<Funder | ''>(map, 'fundedBy', FUNDERS, ''),
    fundingNote: readString(map, 'fundingNote'),
  })
  return {
    get,
    set(patch) {
      // validate everything before writing anything
      const next = check(patch)
      const current = get()
      checkPeriod(next.start ?? current.start, next.end ?? current.end)
      doc.transact(() => {
        for (const [k, v] of Object.entries(next)) if (map.get(k) !== v) map.set(k, v)
      })
    },
    observe(listener) {
      const handler = () => listener()
      map.observe(handler)
      return () => map.unobserve(handler)
    },
  }
}
