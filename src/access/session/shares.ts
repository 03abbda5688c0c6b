/**
 * "Deel met de gemeente" on one open plan (issue 11 §2, R18): a document compiled from the plan is
 * frozen, signed by this device's key, encrypted under a fresh key and stored at the relay with an
 * expiry and a number of openings; the link (key in its fragment) goes to the organisation. Only
 * to an organisation with the parents' live consent (R12): the device refuses before it asks, and
 * the relay refuses too. The plan's members see every link and when it was opened.
 */
import type * as Y from 'yjs'
import type { SigningKeyPair } from '../../crypto'
import { createTeam, type SharedDocument } from '../../plan'
import { fromBase64Url, toBase64Url } from '../../sync/bytes'
import type { RoomState } from '../../sync/roomState'
import { formatShareLink, MAX_SHARE_MS, MAX_SHARE_OPENS, newShareId, newShareKey, sealExtract, EXTRACT_FORMAT, type ShareKind } from '../../sync/sharedExtract'
import { mayShareWith, mayWithdrawShare } from '../../sync/shareRules'
import { listShares, uploadShare, withdrawShare, type ShareListing, type ShareRequestOptions } from '../../sync/shareTransfer'
import type { OrganisationInfo } from '../types'
import { asShareError, ShareError } from '../sharing/shareError'

export interface ShareExtractOptions {
  kind: ShareKind
  document: SharedDocument
  /** hex id of the organisation it is for: must have live consent */
  organisationId: string
  /** ms; at most 30 days ahead */
  expiresAt: number
  /** 1 … MAX_SHARE_OPENS */
  maxOpens: number
}

export interface SharedLink {
  /** base64url share id */
  id: string
  /** the address to send: the key is in its fragment, nowhere else */
  link: string
}

export interface SharesDeps {
  doc: Y.Doc
  room(): RoomState
  me: string
  identity: SigningKeyPair
  appUrl: string
  request(): ShareRequestOptions
  organisations(): OrganisationInfo[]
}

/** The organisations this device may share with now: those with live consent, by name. */
export function shareRecipients(deps: SharesDeps, now = Date.now()): OrganisationInfo[] {
  return deps.organisations().filter((o) => mayShareWith(deps.room(), deps.me, o.id, now) === 'ok')
}

export async function shareExtract(deps: SharesDeps, options: ShareExtractOptions): Promise<SharedLink> {
  const now = Date.now()
  const allowed = mayShareWith(deps.room(), deps.me, options.organisationId, now)
  if (allowed !== 'ok') throw new ShareError(allowed)
  if (!(options.expiresAt > now && options.expiresAt <= now + MAX_SHARE_MS)) throw new ShareError('share-expiry', 'a link ends within 30 days')
  if (!Number.isSafeInteger(options.maxOpens) || options.maxOpens < 1 || options.maxOpens > MAX_SHARE_OPENS) {
    throw new ShareError('share-invalid', `a link opens 1 to ${MAX_SHARE_OPENS} times`)
  }
  const orgs = deps.organisations()
  const nameOf = (id: string | undefined) => (id ? (orgs.find((o) => o.id === id)?.name ?? '') : '')
  const mine = createTeam(deps.doc).findByKey(deps.me)
  const shareId = newShareId()
  const key = newShareKey()
  const expiresAt = Math.trunc(options.expiresAt)
  const bytes = sealExtract(
    {
      format: EXTRACT_FORMAT,
      shareId: toBase64Url(shareId),
      kind: options.kind,
      sharer: { key: deps.me, name: mine?.name ?? '', organisation: mine?.organisation || nameOf(deps.room().orgs.get(deps.me)) },
      recipient: { organisationId: options.organisationId, name: nameOf(options.organisationId) },
      sharedAt: now,
      expiresAt,
      document: options.document,
    },
    deps.identity,
    shareId,
    key,
  )
  try {
    await uploadShare(deps.request(), { shareId, organisationId: options.organisationId, kind: options.kind, expiresAt, maxOpens: options.maxOpens, bytes })
  } catch (err) {
    throw asShareError(err)
  }
  return { id: toBase64Url(shareId), link: formatShareLink(deps.appUrl, shareId, key) }
}

/** One link as the plan's members see it: who shared what with whom, and every opening. */
export interface ShareInfo extends ShareListing {
  /** the organisation's name as the plan knows it ('' when it does not) */
  organisationName: string
  /** whether this device may withdraw it (its sharer's devices, an admin) */
  mayWithdraw: boolean
}

export async function sharesOfPlan(deps: SharesDeps): Promise<ShareInfo[]> {
  let listed: ShareListing[]
  try {
    listed = await listShares(deps.request())
  } catch (err) {
    throw asShareError(err)
  }
  const orgs = deps.organisations()
  return listed.map((s) => ({
    ...s,
    organisationName: orgs.find((o) => o.id === s.organisation)?.name ?? '',
    mayWithdraw: s.withdrawnAt === null && mayWithdrawShare(deps.room(), deps.me, s.by),
  }))
}

export async function withdrawExtract(deps: SharesDeps, id: string): Promise<void> {
  try {
    await withdrawShare(deps.request(), fromBase64Url(id))
  } catch (err) {
    throw asShareError(err)
  }
}
