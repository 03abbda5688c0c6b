/**
 * "Voor jou": what is asked of one person in one plan now, compiled by a pure function from what
 * the plan and the signed log say (the access layer gathers those, src/access/forYou.ts). The
 * plan view shows it at the top, the home screen per plan; each item leads to where it is done.
 *
 * Decisions first (they wait on this person alone), then what there is to do:
 * - 'consent': an organisation works in the plan and no parent decided about sharing with it
 * - 'instemming': the handelingsdeel (afspraken, goals, its parts) waits for my instemming (again, after it changed)
 * - 'verslag': a meeting's verslag waits for my approval (not built yet: nothing fills this slot)
 * - 'prepare': a meeting ahead I have not prepared yet (src/plan/preparations.ts, P10)
 * - 'afspraak': an afspraak that is mine (`whoKey`) and not done yet
 */
import type { Action } from './actions'
import type { ParentInstemmingState } from './instemming'

export type ForYouItem =
  | { kind: 'consent'; organisationId: string; organisationName: string }
  | { kind: 'instemming'; again: boolean }
  | { kind: 'verslag'; meetingId: string; date: string }
  | { kind: 'prepare'; meetingId: string; date: string }
  | { kind: 'afspraak'; actionId: string; what: string; when: string }

export type ForYouKind = ForYouItem['kind']

export interface ForYouInput {
  /** my member key */
  me: string
  /** organisations with people in the plan about which nobody decided yet; [] when I may not decide */
  undecided: readonly { id: string; name: string }[]
  /** my standing towards the afspraken when I may give instemming; null when I may not */
  instemming: ParentInstemmingState | null
  actions: readonly Action[]
  /**
   * whether the handelingsdeel holds anything to agree to (handelingsdeelHasContent): goals and
   * its parts count, not only afspraken; left out, the afspraken alone decide
   */
  somethingToAgree?: boolean
  /** whether an afspraak's `whoKey` is mine by P1's rule (isOwnKey: any device of mine, or an invite I claimed); without it, `me` alone */
  isMine?: (memberKey: string) => boolean
  /** slot: verslagen waiting for my approval (none until verslagen are built) */
  verslagen?: readonly { meetingId: string; date: string }[]
  /** meetings I am asked to prepare (meetingsToPrepare in src/plan/preparations.ts) */
  toPrepare?: readonly { meetingId: string; date: string }[]
}

/** Everything asked of `me` now, decisions first, in the order above. */
export function forYou(input: ForYouInput): ForYouItem[] {
  const out: ForYouItem[] = []
  for (const o of input.undecided) out.push({ kind: 'consent', organisationId: o.id, organisationName: o.name })
  // nothing to agree to in an empty handelingsdeel; 'current' is done
  // a withdrawal is her decision: not asked again here (the instemming section still lets her agree)
  if ((input.instemming === 'none' || input.instemming === 'outdated') && (input.somethingToAgree ?? input.actions.length > 0))
    out.push({ kind: 'instemming', again: input.instemming === 'outdated' })
  for (const v of input.verslagen ?? []) out.push({ kind: 'verslag', meetingId: v.meetingId, date: v.date })
  for (const m of input.toPrepare ?? []) out.push({ kind: 'prepare', meetingId: m.meetingId, date: m.date })
  const isMine = (key: string) => input.me !== '' && key !== '' && (key === input.me || (input.isMine?.(key) ?? false))
  const mine = input.actions.filter((a) => isMine(a.whoKey) && !a.done).sort((a, b) => a.createdAt - b.createdAt)
  for (const a of mine) out.push({ kind: 'afspraak', actionId: a.id, what: a.what, when: a.when })
  return out
}

const str = (v: unknown): v is string => typeof v === 'string'

/** One item as stored (the home summary keeps them sealed); null for anything that is not exactly an item. */
export function readForYouItem(v: unknown): ForYouItem | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null
  const o = v as Record<string, unknown>
  switch (o.kind) {
    case 'consent':
      return str(o.organisationId) && str(o.organisationName)
        ? { kind: 'consent', organisationId: o.organisationId, organisationName: o.organisationName }
        : null
    case 'instemming':
      return typeof o.again === 'boolean' ? { kind: 'instemming', again: o.again } : null
    case 'verslag':
    case 'prepare':
      return str(o.meetingId) && str(o.date) ? { kind: o.kind, meetingId: o.meetingId, date: o.date } : null
    case 'afspraak':
      return str(o.actionId) && str(o.what) && str(o.when) ? { kind: 'afspraak', actionId: o.actionId, what: o.what, when: o.when } : null
    default:
      return null
  }
}
