/**
 * How the keyring's records look at rest: each secret sealed under the keyring key
 * (XChaCha20-Poly1305 with key commitment, via the crypto facade), bound by its additional data to
 * its place, so a record cannot be moved to another plan or slot.
 */
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import { decrypt, encrypt, wipeBytes, type KdfParams, type Sealed } from '../crypto'
import type { Role } from '../sync/blob'
import { KeyringError } from './errors'
import type { SealedUnderPlanKey, StoredIdentity, StoredPlan } from './keyring'

const FORMAT = 1
const encoder = new TextEncoder()

/** the identity slot: `{ v, sealed }` under the key 'device' */
export interface SealedIdentityRecord {
  v: typeof FORMAT
  sealed: Sealed
}

/** one plan: its id stays readable (it names the plan's envelope database anyway) */
export interface SealedPlanRecord {
  planId: string
  v: typeof FORMAT
  sealed: Sealed
}

/** the keyring key wrapped under the passphrase key; opening it is the passphrase check */
export interface WrapRecord {
  v: typeof FORMAT
  kdf: KdfParams
  wrappedKey: Sealed
}

export function isSealedIdentity(value: unknown): value is SealedIdentityRecord {
  return !!value && typeof value === 'object' && 'sealed' in value
}

export function isSealedPlan(value: unknown): value is SealedPlanRecord {
  return !!value && typeof value === 'object' && 'sealed' in value && 'planId' in value
}

function ad(...parts: string[]): Uint8Array {
  return encoder.encode(parts.join('\0'))
}

/** the KDF parameters are bound to the wrapped key, so they cannot be swapped for weaker ones */
export function wrapAd(kdf: KdfParams): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarString(e, 'samenplan/keyring/wrap/v1')
  encoding.writeVarString(e, kdf.alg)
  encoding.writeVarUint(e, kdf.opsLimit)
  encoding.writeVarUint(e, kdf.memLimit)
  encoding.writeVarUint8Array(e, kdf.salt)
  return encoding.toUint8Array(e)
}

const IDENTITY_AD = ad('samenplan/keyring/identity/v1')
const planAd = (planId: string) => ad('samenplan/keyring/plan/v1', planId)

export function sealIdentity(key: Uint8Array, identity: StoredIdentity): SealedIdentityRecord {
  const e = encoding.createEncoder()
  encoding.writeVarString(e, identity.name)
  encoding.writeVarUint8Array(e, identity.publicKey)
  encoding.writeVarUint8Array(e, identity.secretKey)
  const plain = encoding.toUint8Array(e)
  try {
    return { v: FORMAT, sealed: encrypt(key, plain, IDENTITY_AD) }
  } finally {
    wipeBytes(plain)
  }
}

export function openIdentity(key: Uint8Array, record: SealedIdentityRecord): StoredIdentity {
  const plain = openOrCorrupt(key, record.sealed, IDENTITY_AD)
  try {
    const d = decoding.createDecoder(plain)
    return {
      name: decoding.readVarString(d),
      publicKey: decoding.readVarUint8Array(d).slice(),
      secretKey: decoding.readVarUint8Array(d).slice(),
    }
  } finally {
    wipeBytes(plain)
  }
}

export function sealPlan(key: Uint8Array, plan: StoredPlan): SealedPlanRecord {
  const e = encoding.createEncoder()
  encoding.writeVarString(e, plan.role)
  const epochs = Object.keys(plan.keys).map(Number)
  encoding.writeVarUint(e, epochs.length)
  for (const epoch of epochs) {
    encoding.writeVarUint(e, epoch)
    encoding.writeVarUint8Array(e, plan.keys[epoch]!)
  }
  writeSlot(e, plan.title)
  // appended after the title: a record written before the summary existed simply ends here
  writeSlot(e, plan.summary)
  // appended after the summary, likewise: older records end before it
  writeSlot(e, plan.lastVisit)
  const plain = encoding.toUint8Array(e)
  try {
    return { planId: plan.planId, v: FORMAT, sealed: encrypt(key, plain, planAd(plan.planId)) }
  } finally {
    wipeBytes(plain)
  }
}

export function openPlan(key: Uint8Array, record: SealedPlanRecord): StoredPlan {
  const plain = openOrCorrupt(key, record.sealed, planAd(record.planId))
  try {
    const d = decoding.createDecoder(plain)
    const role = decoding.readVarString(d) as Role
    const keys: Record<number, Uint8Array> = {}
    const count = decoding.readVarUint(d)
    for (let i = 0; i < count; i++) {
      const epoch = decoding.readVarUint(d)
      keys[epoch] = decoding.readVarUint8Array(d).slice()
    }
    const plan: StoredPlan = { planId: record.planId, role, keys }
    const title = readSlot(d)
    if (title) plan.title = title
    const summary = decoding.hasContent(d) ? readSlot(d) : null
    if (summary) plan.summary = summary
    const lastVisit = decoding.hasContent(d) ? readSlot(d) : null
    if (lastVisit) plan.lastVisit = lastVisit
    return plan
  } finally {
    wipeBytes(plain)
  }
}

function writeSlot(e: encoding.Encoder, slot: SealedUnderPlanKey | undefined): void {
  encoding.writeUint8(e, slot ? 1 : 0)
  if (!slot) return
  encoding.writeVarUint(e, slot.epoch)
  encoding.writeVarUint8Array(e, slot.nonce)
  encoding.writeVarUint8Array(e, slot.commitment)
  encoding.writeVarUint8Array(e, slot.ciphertext)
}

function readSlot(d: decoding.Decoder): SealedUnderPlanKey | null {
  if (decoding.readUint8(d) !== 1) return null
  return {
    epoch: decoding.readVarUint(d),
    nonce: decoding.readVarUint8Array(d).slice(),
    commitment: decoding.readVarUint8Array(d).slice(),
    ciphertext: decoding.readVarUint8Array(d).slice(),
  }
}

function openOrCorrupt(key: Uint8Array, sealed: Sealed, additionalData: Uint8Array): Uint8Array {
  try {
    return decrypt(key, sealed, additionalData)
  } catch {
    throw new KeyringError('corrupt', {}, 'a keyring record does not open under this keyring key')
  }
}
