/**
 * The Samenplan client the UI talks to: profile, plans on this device, opening, creating and
 * joining plans. Works the same in the browser and in Node tests (pass a WebSocket polyfill and
 * a namespace per simulated device).
 */
import {
  encrypt,
  decrypt,
  generateContentKey,
  generateSigningKeyPair,
  loadSodium,
  randomBytes,
  signingKeyPairFromSeed,
  type KdfLimits,
  type SigningKeyPair,
} from '../crypto'
import { fromBase64Url, fromHex, toBase64Url, toHex } from '../sync/bytes'
import { disablePush, enablePush, nudgePush, pushModeOf, pushState, type PushDeps } from './session/push'
import { watchPushNudges } from './session/pushNudges'
import { roleAtLeast } from '../sync/blob'
import { createClaim, createGenesis, createLockbox, createWriter } from '../sync/records'
import { isOpenInvite, membershipHeads, type Invite } from '../sync/roomState'
import { openLockedKeyring, type LockState } from '../keyring/lockedKeyring'
import { KeyringError } from '../keyring/errors'
import type { SealedUnderPlanKey, StoredPlan } from '../keyring/keyring'
import { AccessError } from './errors'
import { parseInviteLink } from './inviteLink'
import { checkInviteLink } from './inviteCheck'
import { MAX_LINK_PLANS, deviceInviteKey, formatDeviceLink, parseDeviceLink } from './deviceLink'
import { OpenPlanSession, type SessionContext } from './planSession'
import { forYouIn } from './forYou'
import { newSinceIn } from './newSince'
import { remindersIn } from './reminders'
import {
  createChild,
  createOrganisations,
  createTeam,
  decodeHomeSummary,
  decodeLastVisit,
  encodeHomeSummary,
  encodeLastVisit,
  homeSummary,
  initPlan,
  isoDay,
  memberName,
  randomOrganisationId,
  type HomeSummary,
} from '../plan'
import type { DeviceJoinResult, DeviceLink, InvitePreview, LockResult, PlanSummary, Profile, Role, SamenplanClient } from './types'
import { keyringDbName, wipeDevice, wipePlan } from './wipe'
import type { PlanErased } from './session/erasure'
import type { ErasedPlanNote } from '../keyring/lockedKeyring'
import { exportSession, importPlanFile } from './planTransfer'

export interface ClientOptions {
  /** ws(s)://host/sync; defaults to this page's origin */
  syncUrl?: string
  /** base of invite links; defaults to this page's origin */
  appUrl?: string
  /** IndexedDB name prefix: one per device (tests simulate several devices in one process) */
  namespace?: string
  WebSocketPolyfill?: typeof WebSocket
  disableBc?: boolean
  /** unlocks at start when the keyring is locked (Node tests and tools; the app asks the person) */
  passphrase?: string
  /** Argon2id limits for new passphrase wraps; default interactive. Lower only in tests. */
  kdfLimits?: KdfLimits
  /** the clock of the passphrase rate limit (tests) */
  now?: () => number
}

const TITLE_AD = new TextEncoder().encode('samenplan/title/v1')
const SUMMARY_AD = new TextEncoder().encode('samenplan/home-summary/v1')
const LAST_VISIT_AD = new TextEncoder().encode('samenplan/last-visit/v1')
/** a burst of typing saves the home summary once; the home screen is never more than this behind */
const SUMMARY_DEBOUNCE_MS = 500
/** long enough to walk to the other device, short because whoever holds the link becomes you */
const DEVICE_LINK_MINUTES = 15
const INVITE_REFUSALS = new Set(['invite-expired', 'invite-used', 'invite-withdrawn'])

export interface Client extends SamenplanClient {
  openPlan(planId: string): Promise<OpenPlanSession>
  close(): Promise<void>
}

export async function createClient(options: ClientOptions = {}): Promise<Client> {
  await loadSodium()
  const namespace = options.namespace ?? 'samenplan'
  const origin = typeof location !== 'undefined' ? location.origin : 'http://localhost:8080'
  const syncUrl = options.syncUrl ?? `${origin.replace(/^http/, 'ws')}/sync`
  const appUrl = options.appUrl ?? origin
  const keyring = await openLockedKeyring(keyringDbName(namespace), { kdfLimits: options.kdfLimits, now: options.now })
  if (options.passphrase && keyring.state() === 'locked') await keyring.unlock(options.passphrase)
  const sessions = new Map<string, Promise<OpenPlanSession>>()
  const joins = new Map<string, { session: OpenPlanSession; preview: InvitePreview }>()

  const stopWatching: Array<() => void> = []

  const lockListeners = new Set<(state: LockState) => void>()
  let lastState = keyring.state()
  const announce = () => {
    const state = keyring.state()
    if (state === lastState) return
    lastState = state
    for (const listener of [...lockListeners]) listener(state)
  }

  /** every open session, joins included, that finished opening */
  const openSessions = async (): Promise<OpenPlanSession[]> => {
    const opened = await Promise.all([...sessions.values()].map((s) => s.catch(() => null)))
    return [...opened.filter((s): s is OpenPlanSession => s !== null), ...[...joins.values()].map((j) => j.session)]
  }

  /** seals what is queued into the envelope, then counts what the relay has not confirmed (attachments waiting too) */
  const unsyncedChanges = async (): Promise<number> => {
    let pending = 0
    for (const s of await openSessions()) {
      s.flush()
      const status = s.status()
      pending += status.pending + (status.attachmentsWaiting ?? 0)
    }
    return pending
  }

  /** closes every plan: its plan doc leaves memory, its envelope database closes */
  const closeSessions = async () => {
    for (const stop of stopWatching.splice(0)) stop()
    const open = await openSessions()
    sessions.clear()
    joins.clear()
    // the keyring is the marks' truth: read again after a lock or a logout
    visits.clear()
    for (const s of open) await s.close().catch(() => undefined)
  }

  const wipe = async () => {
    await closeSessions()
    const planIds = await keyring.planIds().catch(() => [] as string[])
    await keyring.destroy()
    await wipeDevice(namespace, planIds)
    announce()
  }

  const profileOf = async (): Promise<Profile> => {
    const stored = await keyring.getIdentity()
    if (!stored) throw new KeyringError('no-profile')
    return { name: stored.name, memberKey: toHex(stored.publicKey) }
  }

  const pushDeps = (ctx: SessionContext, planId: string): PushDeps => ({
    syncUrl: ctx.syncUrl,
    identity: ctx.identity,
    planId: fromBase64Url(planId),
    registration: async () =>
      typeof navigator !== 'undefined' && navigator.serviceWorker ? ((await navigator.serviceWorker.getRegistration()) ?? null) : null,
    tags: globalThis.localStorage,
  })

  const context = async (): Promise<SessionContext> => {
    const stored = await keyring.getIdentity()
    if (!stored) throw new AccessError('no-profile', 'create a profile first')
    return {
      keyring,
      identity: { publicKey: stored.publicKey, secretKey: stored.secretKey },
      syncUrl,
      appUrl,
      namespace,
      WebSocketPolyfill: options.WebSocketPolyfill,
      disableBc: options.disableBc,
    }
  }

  /** One plan's keyring record rewritten in turn with every other write to it (Keyring.updatePlan). */
  const updateStored = (planId: string, change: (stored: StoredPlan) => StoredPlan | null): Promise<void> => keyring.updatePlan(planId, change)

  /** the last-visit marks read or set in this app run, and who follows them (the summary's save) */
  const visits = new Map<string, number>()
  const visitListeners = new Map<string, Set<() => void>>()
  const onVisitMarked = (planId: string, listener: () => void): (() => void) => {
    let set = visitListeners.get(planId)
    if (!set) visitListeners.set(planId, (set = new Set()))
    set.add(listener)
    return () => set.delete(listener)
  }
  const lastVisitOf = async (planId: string): Promise<number> => {
    const known = visits.get(planId)
    if (known !== undefined) return known
    const stored = await keyring.getPlan(planId)
    const bytes = stored ? openSlot(stored, stored.lastVisit, LAST_VISIT_AD) : null
    const at = bytes ? decodeLastVisit(bytes) : 0
    if (!visits.has(planId)) visits.set(planId, at)
    return visits.get(planId) ?? at
  }
  const markVisitedAt = async (planId: string, at: number): Promise<void> => {
    if (!Number.isFinite(at) || at < 0) return
    // the mark only moves forward: a tab with an older clock reading does not bring changes back
    if (at <= (await lastVisitOf(planId))) return
    visits.set(planId, at)
    for (const listener of visitListeners.get(planId) ?? []) listener()
    if (keyring.state() !== 'unlocked') return
    await updateStored(planId, (stored) => {
      const epochs = Object.keys(stored.keys).map(Number)
      if (epochs.length === 0) return null
      const epoch = Math.max(...epochs)
      const sealed = encrypt(stored.keys[epoch]!, encodeLastVisit(at), LAST_VISIT_AD)
      return { ...stored, lastVisit: { epoch, ...sealed } }
    })
  }

  /**
   * Keeps the home screen's view of an open plan (the child's name as title, and the summary:
   * school, next meeting, open afspraken, what is asked of me) in the keyring, each sealed under the plan's newest key.
   * Debounced: one save after a burst of changes, and only when something shown changed.
   */
  const watchSummary = (session: OpenPlanSession) => {
    let last = ''
    const save = async () => {
      if (keyring.state() !== 'unlocked') return
      const title = createChild(session.doc).get().name
      const identity = await keyring.getIdentity()
      const me = identity ? toHex(identity.publicKey) : ''
      const since = await lastVisitOf(session.planId)
      const now = Date.now()
      const summary = homeSummary(session.doc, {
        today: isoDay(now),
        reminders: remindersIn(session, now),
        forYou: identity ? forYouIn(session, me) : [],
        newSince: identity ? newSinceIn(session, me, since) : [],
      })
      const seen = JSON.stringify([title, summary, session.role()])
      const newest = session.keys.newest()
      if (!newest || seen === last) return
      last = seen
      const sealedTitle = encrypt(newest.key, new TextEncoder().encode(title), TITLE_AD)
      const sealedSummary = encrypt(newest.key, encodeHomeSummary(summary), SUMMARY_AD)
      await updateStored(session.planId, (stored) => ({
        ...stored,
        role: session.role(),
        title: { epoch: newest.epoch, ...sealedTitle },
        summary: { epoch: newest.epoch, ...sealedSummary },
      }))
    }
    let timer: ReturnType<typeof setTimeout> | null = null
    const onUpdate = () => {
      if (timer !== null) return
      timer = setTimeout(() => {
        timer = null
        void save().catch(() => undefined)
      }, SUMMARY_DEBOUNCE_MS)
    }
    session.doc.on('update', onUpdate)
    const stopVisit = onVisitMarked(session.planId, onUpdate)
    // "Voor jou" also follows the signed log (who joined, who has gezag), which the status reports
    const stopStatus = session.onStatus(onUpdate)
    void save().catch(() => undefined) // locked meanwhile: the summary is saved next time
    stopWatching.push(() => {
      stopVisit()
      stopStatus()
      session.doc.off('update', onUpdate)
      if (timer !== null) clearTimeout(timer)
    })
  }

  /** R20 and retention: who hears that a plan was deleted from this device (the UI says so) */
  const erasedListeners = new Set<(note: ErasedPlanNote) => void>()

  /**
   * Deletes everything of the plan on this device: its keys and sealed title from the keyring,
   * its envelope and attachment databases; keeps a note (id, date, why; no content) so the person
   * is told. The session is closed first so nothing writes after.
   */
  const erasePlanHere = async (session: OpenPlanSession, erased: PlanErased): Promise<void> => {
    const planId = session.planId
    sessions.delete(planId)
    await session.close().catch(() => undefined)
    await keyring.deletePlan(planId)
    visits.delete(planId)
    const note: ErasedPlanNote = {
      planId,
      erasedAt: erased.erasedAt,
      reason: erased.reason,
      ...(erased.requestedBy ? { requestedBy: erased.requestedBy } : {}),
    }
    await keyring.noteErased(note)
    await wipePlan(namespace, planId)
    for (const listener of [...erasedListeners]) listener(note)
  }

  /** An open plan found erased (its log, or the relay's proven notice) is deleted here at once. */
  const watchErasure = (session: OpenPlanSession) => {
    const stop = session.onErased((erased) => void erasePlanHere(session, erased).catch(() => undefined))
    stopWatching.push(stop)
  }

  /** Retention, judged on this device: a plan past its end is deleted when it is opened. */
  const retentionOver = (session: OpenPlanSession, now: number): boolean => {
    const end = session.retentionEnd()
    return end !== null && end <= now
  }

  /** Puts the new member in the plan's team list under its own key (readers cannot write; the admin's list keeps the invite's entry). */
  const introduce = (session: OpenPlanSession, inviteKey: string, role: Role) => {
    if (role === 'reader') return
    void keyring
      .getIdentity()
      .catch(() => null)
      .then((me) => {
        if (!me) return
        const team = createTeam(session.doc)
        const myKey = toHex(me.publicKey)
        if (team.findByKey(myKey)) return
        const invited = team.findByKey(inviteKey)
        if (invited) team.update(invited.id, { memberKey: myKey, name: invited.name || me.name, role })
        else team.add({ memberKey: myKey, name: me.name, role, organisation: '' }, myKey)
      })
  }

  const openPlan = (planId: string): Promise<OpenPlanSession> => {
    let pending = sessions.get(planId)
    if (!pending) {
      pending = (async () => {
        if (!(await keyring.getPlan(planId))) throw new AccessError('plan-unknown', 'this plan is not on this device')
        const ctx = await context()
        const session = await new OpenPlanSession(planId, ctx).open()
        const now = Date.now()
        if (retentionOver(session, now)) {
          await erasePlanHere(session, { erasedAt: now, reason: 'retention' })
          throw new AccessError('plan-erased', 'this plan was kept until its retention end and is deleted')
        }
        if (session.erasure()) {
          await erasePlanHere(session, session.erasure()!)
          throw new AccessError('plan-erased', 'this plan was erased')
        }
        watchSummary(session)
        watchErasure(session)
        watchNudges(session, ctx)
        return session
      })()
      sessions.set(planId, pending)
      pending.catch(() => sessions.delete(planId))
    }
    return pending
  }

  /** Resolves once the relay has confirmed everything the session holds; waits as long as it is offline. */
  const untilConfirmed = (session: OpenPlanSession) =>
    new Promise<void>((resolve) => {
      if (session.status().state === 'synced') return resolve()
      const stop = session.onStatus((status) => {
        if (status.state !== 'synced') return
        stop()
        resolve()
      })
    })

  /** After this device wrote an afspraak or meeting naming others: their "mine" devices hear of it (session/pushNudges.ts). */
  const watchNudges = (session: OpenPlanSession, ctx: SessionContext) => {
    const me = toHex(ctx.identity.publicKey)
    const stop = watchPushNudges({
      doc: session.doc,
      mayNudge: () => roleAtLeast(session.role(), 'editor'),
      others: () => {
        const members = session.members()
        const myPerson = members.find((m) => m.memberKey === me)?.person ?? me
        return new Set(members.filter((m) => m.person !== myPerson).map((m) => m.memberKey))
      },
      reached: () => untilConfirmed(session),
      send: (members) => nudgePush({ syncUrl, identity: ctx.identity, planId: fromBase64Url(session.planId) }, members),
    })
    stopWatching.push(stop)
  }

  const openSlot = (plan: StoredPlan, slot: SealedUnderPlanKey | undefined, ad: Uint8Array): Uint8Array | null => {
    if (!slot) return null
    const key = plan.keys[slot.epoch]
    if (!key) return null
    try {
      return decrypt(key, slot, ad)
    } catch {
      return null
    }
  }
  const titleOf = (plan: StoredPlan): string => {
    const bytes = openSlot(plan, plan.title, TITLE_AD)
    return bytes ? new TextDecoder().decode(bytes) : ''
  }
  const summaryOf = (plan: StoredPlan): HomeSummary | null => {
    const bytes = openSlot(plan, plan.summary, SUMMARY_AD)
    return bytes ? decodeHomeSummary(bytes) : null
  }

  /** Connects to a plan with a one-time invite key and checks the invite is open; closes on failure. */
  const openWithInvite = async (planId: string, invite: SigningKeyPair): Promise<{ session: OpenPlanSession; entry: Invite }> => {
    const session = await new OpenPlanSession(planId, await context(), { invite }).open()
    try {
      await session.whenSynced()
    } catch (err) {
      const code = session.relayErrorCode()
      await session.close()
      if (code && INVITE_REFUSALS.has(code)) throw new AccessError(code as 'invite-used')
      if (session.closedFinally()) throw new AccessError('invite-invalid', 'the relay does not know this invite')
      throw err
    }
    const entry = session.room.invites.get(toHex(invite.publicKey))
    const problem = !entry
      ? 'invite-invalid'
      : entry.claimedBy
        ? 'invite-used'
        : entry.withdrawn
          ? 'invite-withdrawn'
          : !isOpenInvite(session.room, toHex(invite.publicKey), Date.now())
            ? 'invite-expired'
            : null
    if (problem || !entry) {
      await session.close()
      throw new AccessError(problem ?? 'invite-invalid')
    }
    return { session, entry }
  }

  /** Claims the invite with this device's key and keeps the plan: from now on it is ours. */
  const claimWith = async (session: OpenPlanSession, planId: string, invite: SigningKeyPair, role: Role): Promise<void> => {
    session.pushOwnRecords([createClaim(session.writer, session.room.planId, invite, role, membershipHeads(session.room))])
    try {
      await session.whenSynced()
    } catch (err) {
      const code = session.relayErrorCode()
      if (code && INVITE_REFUSALS.has(code)) throw new AccessError(code as 'invite-used')
      throw err
    }
    await keyring.savePlan({ planId, role, keys: session.keys.toRecord() })
    session.useDeviceKey()
    watchSummary(session)
    watchErasure(session)
    sessions.set(planId, Promise.resolve(session))
  }

  /** One plan of a device link: connect with the derived key, claim, keep. */
  const joinAsDevice = async (planId: string, secret: Uint8Array): Promise<DeviceJoinResult> => {
    if (await keyring.getPlan(planId)) return { planId, state: 'already' }
    const invite = deviceInviteKey(secret, planId)
    let opened: { session: OpenPlanSession; entry: Invite }
    try {
      opened = await openWithInvite(planId, invite)
    } catch (err) {
      return { planId, state: 'failed', error: (err as { code?: string }).code ?? 'invite-invalid' }
    }
    const { session, entry } = opened
    if (!entry.forDevice) {
      await session.close()
      return { planId, state: 'failed', error: 'invite-invalid' }
    }
    try {
      await claimWith(session, planId, invite, entry.role)
    } catch (err) {
      await session.close().catch(() => undefined)
      return { planId, state: 'failed', error: (err as { code?: string }).code ?? 'rejected' }
    }
    return { planId, state: 'joined', title: createChild(session.doc).get().name }
  }

  const client: Client = {
    lockState: () => keyring.state(),

    onLockState(listener) {
      lockListeners.add(listener)
      return () => lockListeners.delete(listener)
    },

    async profile(): Promise<Profile | null> {
      if (keyring.state() === 'no-profile') return null
      return profileOf()
    },

    async createProfile(name, passphrase, profileOptions = {}): Promise<Profile> {
      const keys = generateSigningKeyPair()
      await keyring.create({ name: name.trim(), publicKey: keys.publicKey, secretKey: keys.secretKey }, passphrase, profileOptions)
      announce()
      return { name: name.trim(), memberKey: toHex(keys.publicKey) }
    },

    async protectProfile(passphrase, profileOptions = {}): Promise<Profile> {
      await keyring.protect(passphrase, profileOptions)
      announce()
      return profileOf()
    },

    async unlock(passphrase): Promise<Profile> {
      await keyring.unlock(passphrase)
      announce()
      if (keyring.settings().sharedComputer) {
        // a shared computer locked with unsynced changes kept them: open every plan so they sync
        // now and count as unsynced, and a logout cannot lose them unseen
        void keyring
          .listPlans()
          .then((plans) => Promise.all(plans.map((p) => openPlan(p.planId).catch(() => null))))
          .catch(() => undefined)
      }
      return profileOf()
    },

    retryAfterMs: () => keyring.retryAfterMs(),

    async lock(): Promise<LockResult> {
      const unsynced = await unsyncedChanges()
      if (keyring.settings().sharedComputer && unsynced === 0) {
        await wipe()
        return { wiped: true, unsynced: 0 }
      }
      // a shared computer with unsynced changes keeps them encrypted rather than lose them
      await closeSessions()
      keyring.lock()
      announce()
      return { wiped: false, unsynced }
    },

    async changePassphrase(oldPassphrase, newPassphrase) {
      await keyring.changePassphrase(oldPassphrase, newPassphrase)
    },

    async logout({ discardUnsynced = false } = {}) {
      const pending = await unsyncedChanges()
      if (pending > 0 && !discardUnsynced) throw new KeyringError('unsynced-changes', { pending })
      await wipe()
    },

    unsyncedChanges,

    async pushState(planId) {
      return pushState(pushDeps(await context(), planId))
    },

    async pushMode(planId) {
      return pushModeOf(pushDeps(await context(), planId))
    },

    async setPush(planId, choice) {
      const deps = pushDeps(await context(), planId)
      await (choice === 'none' ? disablePush(deps) : enablePush(deps, choice))
    },

    lockSettings: () => keyring.settings(),

    updateLockSettings: (changes) => keyring.updateSettings(changes),

    lastVisit: (planId) => lastVisitOf(planId),

    markVisited: (planId, at) => markVisitedAt(planId, at),

    async listPlans(): Promise<PlanSummary[]> {
      const plans = await keyring.listPlans()
      const open = new Map((await openSessions()).map((s) => [s.planId, s]))
      return plans.map((p) => {
        const status = open.get(p.planId)?.status()
        const summary: PlanSummary = { planId: p.planId, title: titleOf(p), role: p.role, summary: summaryOf(p) }
        if (status) summary.sync = { state: status.state, pending: status.pending }
        return summary
      })
    },

    async createPlan({ childName, party, organisationName }): Promise<string> {
      const ctx = await context()
      const writer = createWriter(ctx.identity)
      const orgName = party === 'professional' ? (organisationName?.trim() ?? '') : ''
      if (party === 'professional' && !orgName) throw new AccessError('organisation-missing', 'a professional starts a plan for an organisation')
      const orgId = orgName ? randomOrganisationId() : null
      const genesis = createGenesis(writer, Date.now(), party ? { party, ...(orgId ? { organisation: fromHex(orgId) } : {}) } : {})
      const key = generateContentKey()
      // a lockbox to the creator's own key records epoch 0 in the log, readable by its other devices later
      const lockbox = createLockbox(writer, genesis.planId, 0, ctx.identity.publicKey, key)
      const planId = toBase64Url(genesis.planId)
      await keyring.savePlan({ planId, role: 'admin', keys: { 0: key } })
      const session = await new OpenPlanSession(planId, ctx, { initialRecords: [genesis.bytes, lockbox] }).open()
      const profile = await keyring.getIdentity()
      initPlan(session.doc, { childName, createdBy: toHex(ctx.identity.publicKey), creatorName: profile?.name ?? '' })
      if (orgId) {
        createOrganisations(session.doc).add({ id: orgId, name: orgName }, toHex(ctx.identity.publicKey))
        // a plan is started at school (the IB): its staff write the school's voice (P4); an admin may change it
        createOrganisations(session.doc).setKind(orgId, 'school')
        const me = createTeam(session.doc).findByKey(toHex(ctx.identity.publicKey))
        if (me && !me.organisation) createTeam(session.doc).update(me.id, { organisation: orgName })
      }
      watchSummary(session)
      watchErasure(session)
      sessions.set(planId, Promise.resolve(session))
      return planId
    },

    openPlan,

    erasedPlans: () => keyring.erasedPlans(),

    onPlanErased(listener) {
      erasedListeners.add(listener)
      return () => erasedListeners.delete(listener)
    },

    async exportPlan(planId, passphrase) {
      return exportSession(await openPlan(planId), passphrase, options.kdfLimits)
    },

    async importPlan(bytes, passphrase) {
      if (keyring.state() !== 'unlocked') throw new KeyringError('locked')
      return importPlanFile(bytes, passphrase, { keyring, openPlan })
    },

    checkInvite: (link) => checkInviteLink(link, syncUrl),

    async previewInvite(link: string): Promise<InvitePreview> {
      const { planId, secret } = parseInviteLink(link)
      const existing = joins.get(link)
      if (existing) return existing.preview
      const { session, entry } = await openWithInvite(planId, signingKeyPairFromSeed(secret))
      const preview: InvitePreview = {
        planId,
        title: createChild(session.doc).get().name,
        invitedBy: memberName(session.doc, entry.by),
        role: entry.role,
        expiresAt: entry.expiresAt,
      }
      joins.set(link, { session, preview })
      return preview
    },

    async acceptInvite(link: string): Promise<string> {
      if (!joins.has(link)) await client.previewInvite(link)
      const { session, preview } = joins.get(link)!
      const { secret } = parseInviteLink(link)
      const invite = signingKeyPairFromSeed(secret)
      await claimWith(session, preview.planId, invite, preview.role)
      introduce(session, toHex(invite.publicKey), preview.role)
      joins.delete(link)
      return preview.planId
    },

    async createDeviceLink({ expiresInMinutes = DEVICE_LINK_MINUTES } = {}): Promise<DeviceLink> {
      const me = await profileOf()
      const secret = randomBytes(32)
      const expiresAt = Date.now() + Math.round(expiresInMinutes * 60_000)
      const linked: OpenPlanSession[] = []
      for (const plan of await keyring.listPlans()) {
        if (linked.length === MAX_LINK_PLANS) break
        const session = await openPlan(plan.planId).catch(() => null)
        if (!session?.isMember()) continue // removed from it meanwhile: nothing to pass on
        try {
          session.createDeviceInvite(deviceInviteKey(secret, plan.planId), expiresAt)
        } catch {
          continue // this device may not write there now (no key yet, consent withdrawn): leave it out
        }
        linked.push(session)
      }
      if (linked.length === 0) throw new AccessError('plan-unknown', 'this device has no plans to link')
      // the new device can only claim what the relay holds: a plan it did not confirm stays out
      const synced = await Promise.allSettled(linked.map((s) => s.whenSynced(10_000)))
      const planIds = linked.filter((_, i) => synced[i]!.status === 'fulfilled').map((s) => s.planId)
      if (planIds.length === 0) throw (synced[0] as PromiseRejectedResult).reason
      return { link: formatDeviceLink(appUrl, { secret, expiresAt, name: me.name, planIds }), expiresAt, planIds }
    },

    previewDeviceLink(link: string) {
      const { name, expiresAt, planIds } = parseDeviceLink(link)
      return { name, expiresAt, planIds }
    },

    async acceptDeviceLink(link, onProgress) {
      const { secret, planIds } = parseDeviceLink(link)
      const results: DeviceJoinResult[] = []
      // one at a time: progress reads in order, and a phone opens one connection at a time
      for (const planId of planIds) {
        onProgress?.({ planId, state: 'joining' })
        const result = await joinAsDevice(planId, secret)
        results.push(result)
        onProgress?.(result)
      }
      return results
    },

    async close() {
      await closeSessions()
      keyring.close()
    },
  }
  return client
}
