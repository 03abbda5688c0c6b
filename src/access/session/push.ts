/**
 * This device's Web Push for one plan (issue 10 §3; the relay side is server/push/). Opt-in per
 * device and plan: the browser subscribes with the relay's VAPID key, and the relay keeps the
 * subscription under this member's key with a random tag this device chose for the plan. A push
 * carries only that tag; the tag-to-plan map stays on this device (it names no child and no
 * content), so the service worker can ask an open, unlocked window for the child's name
 * (`answerPushNameQuestions`).
 *
 * Which pushes (per device and plan, PushMode): `all` new things, or `mine`, only an afspraak or
 * meeting that names this member; "Niets" is no subscription. For `mine` the relay needs a nudge
 * from the writer's device (`nudgePush`, sent by session/pushNudges.ts), as it cannot read content.
 */
import { randomBytes, type SigningKeyPair } from '../../crypto'
import { createAuthToken } from '../../sync/authToken'
import { fromBase64Url, toBase64Url } from '../../sync/bytes'
import type { NudgeOutcome } from './pushNudges'

export type PushState = 'on' | 'off' | 'unsupported' | 'denied' | 'unavailable'

/** `all`: a push for every change by someone else; `mine`: only afspraken and meetings that name me. */
export const PUSH_MODES = ['all', 'mine'] as const
export type PushMode = (typeof PUSH_MODES)[number]

export type PushErrorCode = 'push-unsupported' | 'push-denied' | 'push-unavailable' | 'push-refused'

export class PushError extends Error {
  constructor(
    readonly code: PushErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'PushError'
  }
}

export interface PushDeps {
  /** the relay's WebSocket base, `ws(s)://host/sync` */
  syncUrl: string
  identity: SigningKeyPair
  planId: Uint8Array
  /** the service worker's registration, or null where there is none (Node, a browser without) */
  registration: () => Promise<ServiceWorkerRegistration | null>
  /** per device: which tag stands for which plan */
  tags: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>
  fetch?: typeof fetch
}

const TAG_PREFIX = 'samenplan-push-tag:'
const MODE_PREFIX = 'samenplan-push-mode:'
export const PUSH_NAME_QUESTION = 'samenplan-push-name'

const httpBase = (syncUrl: string) => syncUrl.replace(/^ws/, 'http').replace(/\/$/, '')

function tagOf(deps: PushDeps): string {
  const key = `${TAG_PREFIX}${toBase64Url(deps.planId)}`
  let tag = deps.tags.getItem(key)
  if (!tag) {
    tag = toBase64Url(randomBytes(18))
    deps.tags.setItem(key, tag)
  }
  return tag
}

/** The plan (base64url id) a push's tag stands for on this device, or null. */
export function planOfPushTag(tags: Pick<Storage, 'length' | 'key' | 'getItem'>, tag: string): string | null {
  for (let i = 0; i < tags.length; i++) {
    const key = tags.key(i)
    if (key?.startsWith(TAG_PREFIX) && tags.getItem(key) === tag) return key.slice(TAG_PREFIX.length)
  }
  return null
}

/** The mode this device chose for the plan (kept beside its tag); `all` when it chose none. */
export function pushModeOf(deps: Pick<PushDeps, 'planId' | 'tags'>): PushMode {
  return deps.tags.getItem(`${MODE_PREFIX}${toBase64Url(deps.planId)}`) === 'mine' ? 'mine' : 'all'
}

export async function pushState(deps: PushDeps): Promise<PushState> {
  const registration = await deps.registration()
  if (!registration || !('pushManager' in registration)) return 'unsupported'
  if (typeof Notification !== 'undefined' && Notification.permission === 'denied') return 'denied'
  const subscription = await registration.pushManager.getSubscription()
  const key = `${TAG_PREFIX}${toBase64Url(deps.planId)}`
  return subscription && deps.tags.getItem(key) ? 'on' : 'off'
}

async function relay(
  deps: Pick<PushDeps, 'syncUrl' | 'identity' | 'planId' | 'fetch'>,
  method: 'PUT' | 'DELETE' | 'POST',
  body?: unknown,
  endpoint?: string,
  path = 'push',
): Promise<Response> {
  const token = encodeURIComponent(createAuthToken(deps.identity, deps.planId, Date.now()))
  const query = endpoint ? `&endpoint=${encodeURIComponent(endpoint)}` : ''
  return (deps.fetch ?? fetch)(`${httpBase(deps.syncUrl)}/${toBase64Url(deps.planId)}/${path}?auth=${token}${query}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
    cache: 'no-store',
  })
}

/**
 * Asks for permission (the person chose pushes), subscribes the browser, tells the relay which
 * pushes (`mode`); choosing again changes the mode of the same subscription.
 */
export async function enablePush(deps: PushDeps, mode: PushMode = 'all'): Promise<void> {
  const registration = await deps.registration()
  if (!registration || !('pushManager' in registration)) throw new PushError('push-unsupported', 'this browser has no Web Push')
  const keyRes = await (deps.fetch ?? fetch)(`${httpBase(deps.syncUrl)}/push-key`, { cache: 'no-store' }).catch(() => null)
  if (!keyRes?.ok) throw new PushError('push-unavailable', 'the relay has no push')
  const { publicKey } = (await keyRes.json()) as { publicKey: string }
  if (typeof Notification !== 'undefined' && (await Notification.requestPermission()) !== 'granted')
    throw new PushError('push-denied', 'notifications not allowed')
  let subscription: PushSubscription
  try {
    subscription =
      (await registration.pushManager.getSubscription()) ??
      (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: fromBase64Url(publicKey) as Uint8Array<ArrayBuffer> }))
  } catch (err) {
    throw new PushError('push-unsupported', `the browser could not subscribe: ${(err as Error).message}`)
  }
  const json = subscription.toJSON()
  const res = await relay(deps, 'PUT', { endpoint: json.endpoint, p256dh: json.keys?.p256dh, auth: json.keys?.auth, tag: tagOf(deps), mode })
  if (res.status !== 204) throw new PushError('push-refused', `the relay refused the subscription (${res.status})`)
  deps.tags.setItem(`${MODE_PREFIX}${toBase64Url(deps.planId)}`, mode)
}

/**
 * Asks the relay to push to the named members' devices that chose `mine` (after this device
 * wrote an afspraak or meeting naming them). 'sent' when the relay took it (204; it answers alike
 * whoever is subscribed), 'refused' for any other answer, 'unsent' when the relay could not be
 * reached or was busy (429, 5xx: worth another try). Never throws.
 */
export async function nudgePush(deps: Pick<PushDeps, 'syncUrl' | 'identity' | 'planId' | 'fetch'>, members: readonly string[]): Promise<NudgeOutcome> {
  try {
    const { status } = await relay(deps, 'POST', { members }, undefined, 'push/nudge')
    if (status === 204) return 'sent'
    return status === 429 || status >= 500 ? 'unsent' : 'refused'
  } catch {
    return 'unsent'
  }
}

/** Stops pushes for this plan on this device (the browser's subscription stays for other plans). */
export async function disablePush(deps: PushDeps): Promise<void> {
  const registration = await deps.registration()
  const subscription = await registration?.pushManager.getSubscription()
  if (subscription) await relay(deps, 'DELETE', undefined, subscription.endpoint).catch(() => undefined)
  deps.tags.removeItem(`${TAG_PREFIX}${toBase64Url(deps.planId)}`)
  deps.tags.removeItem(`${MODE_PREFIX}${toBase64Url(deps.planId)}`)
}
