/**
 * Which organisation a consent or an invite is for. The signed log names organisations by id
 * only; their names live in the plan (src/plan/organisations.ts). Pure.
 */
import type * as Y from 'yjs'
import { createOrganisations, randomOrganisationId, sameOrganisationName } from '../../plan'
import type { RoomState } from '../../sync/roomState'
import { AccessError } from '../errors'
import type { OrganisationInfo } from '../types'

/** The plan's organisations, then those the log names but the plan does not (a reader gave consent), without a name. */
export function organisationsOf(doc: Y.Doc, room: RoomState): OrganisationInfo[] {
  const named = createOrganisations(doc)
    .list()
    .map((o) => ({ id: o.id, name: o.name }))
  const ids = new Set(named.map((o) => o.id))
  const unnamed = [...new Set([...room.orgs.values(), ...room.consents.keys()])].filter((id) => !ids.has(id))
  return [...named, ...unnamed.map((id) => ({ id, name: '' }))]
}

/**
 * One of `known` by id (`organisation-unknown` when it is not there) or by name, else a new one by
 * that name with a fresh id; `organisation-missing` (with `why`) when there is no name at all.
 */
export function chooseOrganisation(
  known: readonly OrganisationInfo[],
  choice: { organisationId?: string; organisationName?: string },
  why: string,
): { id: string; name: string; isNew: boolean } {
  const wanted = choice.organisationName?.trim()
  const found = choice.organisationId
    ? known.find((o) => o.id === choice.organisationId)
    : wanted
      ? known.find((o) => o.name && sameOrganisationName(o.name, wanted))
      : undefined
  if (choice.organisationId && !found) throw new AccessError('organisation-unknown', 'this plan does not know that organisation')
  const name = found?.name || wanted || ''
  if (!name) throw new AccessError('organisation-missing', why)
  return { id: found?.id ?? randomOrganisationId(), name, isNew: !found }
}
