/**
 * The Samenplan client the UI talks to: profile, plans on this device, opening, creating and
 * joining plans. Works the same in the browser and in Node tests (pass a WebSocket polyfill and
 * a namespace per simulated device).
 */
import { encrypt, decrypt, generateContentKey, generateSigningKeyPair, loadSodium, signingKeyPairFromSeed, type KdfLimits } from '../crypto'
import { fromHex, toBase64Url, toHex } from '../sync/bytes'
import { createClaim, createGenesis, createLockbox, createWriter } from '../sync/records'
import { isOpenInvite } from '../sync/roomState'
import { openLockedKeyring, type LockState } from '../keyring/lockedKeyring'
import { KeyringError } from '../keyring/errors'
import type { StoredPlan } from '../keyring/keyring'
import { AccessError } from './errors'
import { parseInviteLink } from './inviteLink'
import { OpenPlanSession, type SessionContext } from './planSession'
import { createChild, createOrganisations, createTeam, initPlan, memberName, randomOrganisationId } from '../plan'
import type { InvitePreview, LockResult, PlanSummary, Profile, Role, SamenplanClient } from './types'
import { keyringDbName, wipeDevice } from './wipe'

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

  /** seals what is queued into the envelope, then counts what the relay has not confirmed */
  const unsyncedChanges = async (): Promise<number> => {
    let pending = 0
    for (const s of await openSessions()) {
      s.flush()
      pending += s.status().pending
    }
    return pending
  }

  /** closes every plan: its plan doc leaves memory, its envelope database closes */
  const closeSessions = async () => {
    for (const stop of stopWatching.splice(0)) stop()
    const open = await openSessions()
    sessions.clear()
    joins.clear()
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

  const watchTitle = (session: OpenPlanSession) => {
    let last = ''
    const save = async () => {
      if (keyring.state() !== 'unlocked') return
      const title = createChild(session.doc).get().name
      const newest = session.keys.newest()
      const stored = await keyring.getPlan(session.planId)
      if (!stored || !newest || title === last) return
      last = title
      const sealed = encrypt(newest.key, new TextEncoder().encode(title), TITLE_AD)
      await keyring.savePlan({ ...stored, role: session.role(), title: { epoch: newest.epoch, ...sealed } })
    }
    let timer: ReturnType<typeof setTimeout> | null = null
    const onUpdate = () => {
      if (timer === null) timer = setTimeout(() => ((timer = null), void save().catch(() => undefined)), 500)
    }
    session.doc.on('update', onUpdate)
    void save().catch(() => undefined) // locked meanwhile: the title is saved next time
    stopWatching.push(() => {
      session.doc.off('update', onUpdate)
      if (timer !== null) clearTimeout(timer)
    })
  }

  /** Puts the new member in the plan's team list under its own key (readers cannot write; the admin's list keeps the invite's entry). */
  const introduce = (session: OpenPlanSession, inviteKey: string, role: Role) => {
    if (role === 'reader') return
    void keyring.getIdentity().catch(() => null).then((me) => {
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
        const session = await new OpenPlanSession(planId, await context()).open()
        watchTitle(session)
        return session
      })()
      sessions.set(planId, pending)
      pending.catch(() => sessions.delete(planId))
    }
    return pending
  }

  const titleOf = (plan: StoredPlan): string => {
    if (!plan.title) return ''
    const key = plan.keys[plan.title.epoch]
    if (!key) return ''
    try {
      return new TextDecoder().decode(decrypt(key, plan.title, TITLE_AD))
    } catch {
      return ''
    }
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

    lockSettings: () => keyring.settings(),

    updateLockSettings: (changes) => keyring.updateSettings(changes),

    async listPlans(): Promise<PlanSummary[]> {
      const plans = await keyring.listPlans()
      return plans.map((p) => ({ planId: p.planId, title: titleOf(p), role: p.role }))
    },

    async createPlan({ childName, party, organisationName }): Promise<string> {
      const ctx = await context()
      const writer = createWriter(ctx.identity)
      const orgName = party === 'professional' ? organisationName?.trim() ?? '' : ''
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
        const me = createTeam(session.doc).findByKey(toHex(ctx.identity.publicKey))
        if (me && !me.organisation) createTeam(session.doc).update(me.id, { organisation: orgName })
      }
      watchTitle(session)
      sessions.set(planId, Promise.resolve(session))
      return planId
    },

    openPlan,

    async previewInvite(link: string): Promise<InvitePreview> {
      const { planId, secret } = parseInviteLink(link)
      const existing = joins.get(link)
      if (existing) return existing.preview
      const invite = signingKeyPairFromSeed(secret)
      const session = await new OpenPlanSession(planId, await context(), { invite }).open()
      try {
        await session.whenSynced()
      } catch (err) {
        const code = session.relayErrorCode()
        await session.close()
        if (code === 'invite-expired' || code === 'invite-used' || code === 'invite-withdrawn') throw new AccessError(code)
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
      const preview: InvitePreview = {
        planId,
        title: createChild(session.doc).get().name,
        invitedBy: memberName(session.doc, entry.by),
        role: entry.role as Role,
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
      session.pushOwnRecords([createClaim(session.writer, session.room.planId, invite, preview.role)])
      try {
        await session.whenSynced()
      } catch (err) {
        const code = session.relayErrorCode()
        if (code === 'invite-expired' || code === 'invite-used' || code === 'invite-withdrawn') throw new AccessError(code)
        throw err
      }
      await keyring.savePlan({ planId: preview.planId, role: preview.role, keys: session.keys.toRecord() })
      session.useDeviceKey()
      introduce(session, toHex(invite.publicKey), preview.role)
      joins.delete(link)
      watchTitle(session)
      sessions.set(preview.planId, Promise.resolve(session))
      return preview.planId
    },

    async close() {
      await closeSessions()
      keyring.close()
    },
  }
  return client
}
