/**
 * The passphrase lock around the keyring. At rest every secret (the device identity, each plan's
 * epoch keys and sealed title) is sealed under a random keyring key; that key is stored wrapped
 * under a key derived from the passphrase (Argon2id). Opening the wrapped key is the passphrase
 * check, so a wrong passphrase is found without touching any record.
 *
 * Locked, this object holds no key and no decrypted record: every read decrypts afresh while
 * unlocked, and lock() overwrites the keyring key.
 */
import {
  decrypt,
  deriveKeyFromPassphrase,
  encrypt,
  generateContentKey,
  interactiveKdfLimits,
  kdfWeakerThan,
  newKdfParams,
  wipeBytes,
  type KdfLimits,
} from '../crypto'
import { KeyringError } from './errors'
import type { Keyring, StoredIdentity, StoredPlan } from './keyring'
import { retryAfterMs, type AttemptRecord } from './rateLimit'
import {
  isSealedIdentity,
  isSealedPlan,
  openIdentity,
  openPlan,
  sealIdentity,
  sealPlan,
  wrapAd,
  type SealedIdentityRecord,
  type SealedPlanRecord,
  type WrapRecord,
} from './sealedRecords'
import { deleteDatabase, keyringDb, IDENTITY_STORE, LOCK_STORE, PLANS_STORE, type WriteOp } from './store'

/**
 * - 'no-profile': nothing on this device yet
 * - 'needs-passphrase': a keyring from before the lock, stored plainly: choose a passphrase to encrypt it
 * - 'locked': only ciphertext here; unlock with the passphrase
 * - 'unlocked': the keyring key is in memory
 */
export type LockState = 'no-profile' | 'needs-passphrase' | 'locked' | 'unlocked'

export interface LockSettings {
  /** lock after this many minutes without input */
  autoLockMinutes: number
  /** shared computer: after lock or logout nothing of Samenplan stays on the device */
  sharedComputer: boolean
}

export const DEFAULT_LOCK_SETTINGS: LockSettings = { autoLockMinutes: 15, sharedComputer: false }
/** a day: longer would make the lock pointless */
export const MAX_AUTO_LOCK_MINUTES = 24 * 60
/** shorter passphrases are refused (NIST SP 800-63B's minimum) */
export const MIN_PASSPHRASE_LENGTH = 8

const WRAP_KEY = 'wrap'
const ATTEMPTS_KEY = 'attempts'
const SETTINGS_KEY = 'settings'
const DEVICE_KEY = 'device'
const ERASED_KEY = 'erased'

/**
 * R20: a plan this device deleted because it was erased: its id, when and why, no content (the
 * child's name went with the plan). Readable while locked, so the home screen can say so.
 */
export interface ErasedPlanNote {
  planId: string
  erasedAt: number
  reason: 'erased' | 'retention'
  requestedBy?: string
}

export interface LockedKeyring extends Keyring {
  state(): LockState
  /** no-profile → unlocked: stores a new identity under a new passphrase */
  create(identity: StoredIdentity, passphrase: string, settings?: Partial<LockSettings>): Promise<void>
  /** needs-passphrase → unlocked: encrypts an older, plain keyring in place */
  protect(passphrase: string, settings?: Partial<LockSettings>): Promise<void>
  /** locked → unlocked; KeyringError 'wrong-passphrase' or 'locked-out' (with retryAfterMs) */
  unlock(passphrase: string): Promise<void>
  /** unlocked → locked: overwrites the keyring key */
  lock(): void
  /** re-encrypts everything under a new keyring key wrapped by the new passphrase */
  changePassphrase(oldPassphrase: string, newPassphrase: string): Promise<void>
  /** 0 when an attempt may be made now */
  retryAfterMs(): Promise<number>
  /** readable while locked: the lock screen and the auto-lock need them */
  settings(): LockSettings
  updateSettings(changes: Partial<LockSettings>): Promise<LockSettings>
  /** the ids of the plans on this device (not secret: they name the plans' databases), readable while locked */
  planIds(): Promise<string[]>
  /** R20: notes that a plan was erased here (its record must be deleted with `deletePlan`) */
  noteErased(note: ErasedPlanNote): Promise<void>
  /** R20: the plans erased on this device, newest first */
  erasedPlans(): Promise<ErasedPlanNote[]>
  /** deletes the keyring database: the device has no profile afterwards */
  destroy(): Promise<void>
  close(): void
}

export interface LockedKeyringOptions {
  /** the clock for the rate limit (tests inject one) */
  now?: () => number
  /** Argon2id limits for new wraps; an unlock re-wraps anything weaker. Default: interactive. Lower only in tests. */
  kdfLimits?: KdfLimits
}

/** a plain record of the version before the lock */
type LegacyIdentity = StoredIdentity
type LegacyPlan = StoredPlan

export async function openLockedKeyring(name: string, options: LockedKeyringOptions = {}): Promise<LockedKeyring> {
  const db = keyringDb(name)
  const now = options.now ?? Date.now
  const target = (): KdfLimits => options.kdfLimits ?? interactiveKdfLimits()

  let key: Uint8Array | null = null
  let settings: LockSettings = { ...DEFAULT_LOCK_SETTINGS }
  let current: LockState = 'no-profile'

  const readState = async (): Promise<LockState> => {
    settings = { ...DEFAULT_LOCK_SETTINGS, ...((await db.get<LockSettings>(LOCK_STORE, SETTINGS_KEY)) ?? {}) }
    if (await db.get<WrapRecord>(LOCK_STORE, WRAP_KEY)) return 'locked'
    const identity = await db.get<unknown>(IDENTITY_STORE, DEVICE_KEY)
    return identity && !isSealedIdentity(identity) ? 'needs-passphrase' : 'no-profile'
  }
  current = await readState()

  // lifecycle steps and writes run one at a time: a save never lands under a key being replaced
  let queue: Promise<unknown> = Promise.resolve()
  const serial = <T>(step: () => Promise<T>): Promise<T> => {
    const run = queue.then(step, step)
    queue = run.catch(() => undefined)
    return run
  }

  const unlockedKey = (): Uint8Array => {
    if (current === 'unlocked' && key) return key
    if (current === 'no-profile') throw new KeyringError('no-profile')
    if (current === 'needs-passphrase') throw new KeyringError('needs-passphrase')
    throw new KeyringError('locked')
  }

  const checkNew = (passphrase: string) => {
    if (passphrase.normalize('NFC').length < MIN_PASSPHRASE_LENGTH) throw new KeyringError('passphrase-too-short')
  }

  const cleanSettings = (changes: Partial<LockSettings>): LockSettings => {
    const next = { ...settings, ...changes }
    const minutes = Math.round(Number(next.autoLockMinutes))
    next.autoLockMinutes = Number.isFinite(minutes) ? Math.min(MAX_AUTO_LOCK_MINUTES, Math.max(1, minutes)) : DEFAULT_LOCK_SETTINGS.autoLockMinutes
    next.sharedComputer = Boolean(next.sharedComputer)
    return next
  }

  /** Writes the whole keyring under a fresh keyring key wrapped by `passphrase`, in one transaction. */
  const sealAll = async (identity: StoredIdentity | null, plans: StoredPlan[], passphrase: string, extra: WriteOp[] = []): Promise<Uint8Array> => {
    const fresh = generateContentKey()
    const kdf = newKdfParams(target())
    const passKey = deriveKeyFromPassphrase(passphrase, kdf)
    let wrap: WrapRecord
    try {
      wrap = { v: 1, kdf, wrappedKey: encrypt(passKey, fresh, wrapAd(kdf)) }
    } finally {
      wipeBytes(passKey)
    }
    const ops: WriteOp[] = [
      { store: LOCK_STORE, key: WRAP_KEY, put: wrap },
      { store: LOCK_STORE, delete: ATTEMPTS_KEY },
    ]
    if (identity) ops.push({ store: IDENTITY_STORE, key: DEVICE_KEY, put: sealIdentity(fresh, identity) })
    for (const plan of plans) ops.push({ store: PLANS_STORE, put: sealPlan(fresh, plan) })
    await db.write([...ops, ...extra])
    return fresh
  }

  /** Everything, decrypted (while unlocked) or as stored plainly (before migration). */
  const readAll = async (withKey: Uint8Array | null): Promise<{ identity: StoredIdentity | null; plans: StoredPlan[] }> => {
    const rawIdentity = await db.get<SealedIdentityRecord | LegacyIdentity>(IDENTITY_STORE, DEVICE_KEY)
    const rawPlans = await db.getAll<SealedPlanRecord | LegacyPlan>(PLANS_STORE)
    const identity = !rawIdentity ? null : isSealedIdentity(rawIdentity) ? (withKey ? openIdentity(withKey, rawIdentity) : null) : rawIdentity
    const plans: StoredPlan[] = []
    for (const p of rawPlans) {
      if (isSealedPlan(p)) {
        if (withKey) plans.push(openPlan(withKey, p))
      } else plans.push(p)
    }
    return { identity, plans }
  }

  /**
   * Checks a passphrase against the wrapped key, rate-limited. The attempt is counted before the
   * derivation, so closing the page mid-attempt does not reset the count. Returns the keyring key.
   */
  const tryPassphrase = async (passphrase: string): Promise<{ unwrapped: Uint8Array; wrap: WrapRecord }> => {
    const wrap = await db.get<WrapRecord>(LOCK_STORE, WRAP_KEY)
    if (!wrap) throw new KeyringError('no-profile')
    const attempts = (await db.get<AttemptRecord>(LOCK_STORE, ATTEMPTS_KEY)) ?? { failures: 0, lastAt: 0 }
    const wait = retryAfterMs(attempts, now())
    if (wait > 0) throw new KeyringError('locked-out', { retryAfterMs: wait, failures: attempts.failures })
    const counted: AttemptRecord = { failures: attempts.failures + 1, lastAt: now() }
    await db.write([{ store: LOCK_STORE, key: ATTEMPTS_KEY, put: counted }])
    const passKey = deriveKeyFromPassphrase(passphrase, wrap.kdf)
    let unwrapped: Uint8Array | null = null
    try {
      unwrapped = decrypt(passKey, wrap.wrappedKey, wrapAd(wrap.kdf))
    } catch {
      // commitment or tag mismatch: the passphrase key is not the one that wrapped this key
    } finally {
      wipeBytes(passKey)
    }
    if (!unwrapped) {
      // the wait starts when the answer is known, not when the derivation began
      const failed: AttemptRecord = { failures: counted.failures, lastAt: now() }
      await db.write([{ store: LOCK_STORE, key: ATTEMPTS_KEY, put: failed }])
      throw new KeyringError('wrong-passphrase', { retryAfterMs: retryAfterMs(failed, now()), failures: failed.failures })
    }
    await db.write([{ store: LOCK_STORE, delete: ATTEMPTS_KEY }])
    return { unwrapped, wrap }
  }

  const keyring: LockedKeyring = {
    state: () => current,

    settings: () => ({ ...settings }),

    async retryAfterMs() {
      return retryAfterMs(await db.get<AttemptRecord>(LOCK_STORE, ATTEMPTS_KEY), now())
    },

    create: (identity, passphrase, options = {}) =>
      serial(async () => {
        current = await readState()
        if (current !== 'no-profile') throw new KeyringError('profile-exists')
        checkNew(passphrase)
        const next = cleanSettings(options)
        // plans left plainly without an identity (an interrupted older version) are sealed too
        const { plans } = await readAll(null)
        key = await sealAll(identity, plans, passphrase, [{ store: LOCK_STORE, key: SETTINGS_KEY, put: next }])
        settings = next
        current = 'unlocked'
      }),

    protect: (passphrase, options = {}) =>
      serial(async () => {
        if (current !== 'needs-passphrase') throw new KeyringError(current === 'no-profile' ? 'no-profile' : 'profile-exists')
        checkNew(passphrase)
        const next = cleanSettings(options)
        const { identity, plans } = await readAll(null)
        key = await sealAll(identity, plans, passphrase, [{ store: LOCK_STORE, key: SETTINGS_KEY, put: next }])
        settings = next
        current = 'unlocked'
      }),

    unlock: (passphrase) =>
      serial(async () => {
        if (current === 'unlocked') return
        // another tab may have logged out or changed the passphrase meanwhile
        const onDisk = await readState()
        current = onDisk
        if (onDisk === 'no-profile' || onDisk === 'needs-passphrase') throw new KeyringError(onDisk)
        const { unwrapped, wrap } = await tryPassphrase(passphrase)
        key = unwrapped
        current = 'unlocked'
        // limits raised since this wrap was made: re-wrap under them now that we know the passphrase
        if (kdfWeakerThan(wrap.kdf, target())) {
          const { identity, plans } = await readAll(key)
          const fresh = await sealAll(identity, plans, passphrase)
          wipeBytes(key)
          key = fresh
        }
      }),

    lock() {
      wipeBytes(key)
      key = null
      if (current === 'unlocked') current = 'locked'
    },

    changePassphrase: (oldPassphrase, newPassphrase) =>
      serial(async () => {
        unlockedKey()
        checkNew(newPassphrase)
        const { unwrapped } = await tryPassphrase(oldPassphrase)
        try {
          const { identity, plans } = await readAll(unwrapped)
          const fresh = await sealAll(identity, plans, newPassphrase)
          wipeBytes(key)
          key = fresh
        } finally {
          wipeBytes(unwrapped)
        }
      }),

    updateSettings: (changes) =>
      serial(async () => {
        unlockedKey()
        const next = cleanSettings(changes)
        await db.write([{ store: LOCK_STORE, key: SETTINGS_KEY, put: next }])
        settings = next
        return { ...next }
      }),

    async getIdentity() {
      const k = unlockedKey()
      const raw = await db.get<SealedIdentityRecord>(IDENTITY_STORE, DEVICE_KEY)
      return raw && isSealedIdentity(raw) ? openIdentity(k, raw) : null
    },

    saveIdentity: (identity) =>
      serial(async () => {
        await db.write([{ store: IDENTITY_STORE, key: DEVICE_KEY, put: sealIdentity(unlockedKey(), identity) }])
      }),

    async getPlan(planId) {
      const k = unlockedKey()
      const raw = await db.get<SealedPlanRecord>(PLANS_STORE, planId)
      return raw && isSealedPlan(raw) ? openPlan(k, raw) : null
    },

    savePlan: (plan) =>
      serial(async () => {
        await db.write([{ store: PLANS_STORE, put: sealPlan(unlockedKey(), plan) }])
      }),

    updatePlan: (planId, change) =>
      serial(async () => {
        const k = unlockedKey()
        const raw = await db.get<SealedPlanRecord>(PLANS_STORE, planId)
        const changed = raw && isSealedPlan(raw) ? change(openPlan(k, raw)) : null
        if (changed) await db.write([{ store: PLANS_STORE, put: sealPlan(k, changed) }])
      }),

    async listPlans() {
      const k = unlockedKey()
      const raw = await db.getAll<SealedPlanRecord>(PLANS_STORE)
      return raw.filter(isSealedPlan).map((p) => openPlan(k, p))
    },

    deletePlan: (planId) =>
      serial(async () => {
        await db.write([{ store: PLANS_STORE, delete: planId }])
      }),

    noteErased: (note) =>
      serial(async () => {
        const notes = (await db.get<ErasedPlanNote[]>(LOCK_STORE, ERASED_KEY)) ?? []
        if (notes.some((n) => n.planId === note.planId)) return
        await db.write([{ store: LOCK_STORE, key: ERASED_KEY, put: [note, ...notes] }])
      }),

    async erasedPlans() {
      return (await db.get<ErasedPlanNote[]>(LOCK_STORE, ERASED_KEY)) ?? []
    },

    async planIds() {
      const raw = await db.getAll<{ planId: string }>(PLANS_STORE)
      return raw.map((p) => p.planId)
    },

    destroy: () =>
      serial(async () => {
        keyring.lock()
        db.close()
        await deleteDatabase(name)
        settings = { ...DEFAULT_LOCK_SETTINGS }
        current = 'no-profile'
      }),

    close() {
      keyring.lock()
      db.close()
    },
  }
  return keyring
}
