/**
 * The Samenplan client the UI talks to: profile, plans on this device, opening, creating and
 * joining plans. Works the same in the browser and in Node tests (pass a WebSocket polyfill and
 * a namespace per simulated device).
 */
import { encrypt, decrypt, generateContentKey, generateSigningKeyPair, loadSodium, signingKeyPairFromSeed } from '../crypto'
import { toBase64Url, toHex } from '../sync/bytes'
import { createClaim, createGenesis, createLockbox, createWriter } from '../sync/records'
import { isOpenInvite } from '../sync/roomState'
import { openIndexedDbKeyring } from '../keyring/indexedDbKeyring'
import type { StoredPlan } from '../keyring/keyring'
import { AccessError } from './errors'
import { parseInviteLink } from './inviteLink'
import { OpenPlanSession, type SessionContext } from './planSession'
import { createChild, createTeam, initPlan, memberName } from '../plan'
import type { InvitePreview, PlanSummary, Profile, Role, SamenplanClient } from './types'

export interface ClientOptions {
  /** ws(s)://host/sync; defaults to this page's origin */
  syncUrl?: string
  /** base of invite links; defaults to this page's origin */
  appUrl?: string
  /** IndexedDB name prefix: one per device (tests simulate several devices in one process) */
  namespace?: string
  WebSocketPolyfill?: typeof WebSocket
  disableBc?: boolean
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
  const keyring = await openIndexedDbKeyring(`${namespace}-keyring`)
  const sessions = new Map<string, Promise<OpenPlanSession>>()
  const joins = new Map<string, { session: OpenPlanSession; preview: InvitePreview }>()

  const stopWatching: Array<() => void> = []

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
      if (timer === null) timer = setTimeout(() => ((timer = null), void save()), 500)
    }
    session.doc.on('update', onUpdate)
    void save()
    stopWatching.push(() => {
      session.doc.off('update', onUpdate)
      if (timer !== null) clearTimeout(timer)
    })
  }

  /** Puts the new member in the plan's team list under its own key (readers cannot write; the admin's list keeps the invite's entry). */
  const introduce = (session: OpenPlanSession, inviteKey: string, role: Role) => {
    if (role === 'reader') return
    void keyring.getIdentity().then((me) => {
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
    async profile(): Promise<Profile | null> {
      const stored = await keyring.getIdentity()
      return stored ? { name: stored.name, memberKey: toHex(stored.publicKey) } : null
    },

    async createProfile(name: string): Promise<Profile> {
      const existing = await keyring.getIdentity()
      const keys = existing ?? generateSigningKeyPair()
      await keyring.saveIdentity({ name: name.trim(), publicKey: keys.publicKey, secretKey: keys.secretKey })
      return { name: name.trim(), memberKey: toHex(keys.publicKey) }
    },

    async listPlans(): Promise<PlanSummary[]> {
      const plans = await keyring.listPlans()
      return plans.map((p) => ({ planId: p.planId, title: titleOf(p), role: p.role }))
    },

    async createPlan({ childName }): Promise<string> {
      const ctx = await context()
      const writer = createWriter(ctx.identity)
      const genesis = createGenesis(writer, Date.now())
      const key = generateContentKey()
      // a lockbox to the creator's own key records epoch 0 in the log, readable by its other devices later
      const lockbox = createLockbox(writer, genesis.planId, 0, ctx.identity.publicKey, key)
      const planId = toBase64Url(genesis.planId)
      await keyring.savePlan({ planId, role: 'admin', keys: { 0: key } })
      const session = await new OpenPlanSession(planId, ctx, { initialRecords: [genesis.bytes, lockbox] }).open()
      const profile = await keyring.getIdentity()
      initPlan(session.doc, { childName, createdBy: toHex(ctx.identity.publicKey), creatorName: profile?.name ?? '' })
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
      for (const stop of stopWatching.splice(0)) stop()
      for (const s of sessions.values()) await (await s.catch(() => null))?.close()
      for (const j of joins.values()) await j.session.close()
      keyring.close()
    },
  }
  return client
}
