/**
 * The hostile messages of issue 9, built as the raw bytes a peer puts on the wire, and the
 * largest honest ones beside them. Shared by the worst-message benchmark (tests/bench/
 * worstMessage.ts) and by any test that wants one of them.
 *
 * Each builder is pure and small: it takes the plan as the attacker finds it (a `PlanDraft`:
 * the admin's writer and a mirror of the relay's log) and returns an `Attack`: the setup the
 * plan must hold first, who sends the message, the framed message, and what a relay that keeps
 * the rules answers. Sizes are parameters, with the figures as defaults.
 *
 * Updates are written by hand where a real Y.Doc would not write them (duplicate delete ranges,
 * the same blob under many item ids, structs in reverse dependency order), in Yjs's update
 * encoding v1, as src/sync/gapUpdate.ts does.
 */
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { generateContentKey, generateSigningKeyPair, randomBytes, signDetached, type SigningKeyPair } from '../../src/crypto'
import { BLOB_VERSION, KINDS, MEMBER_OPS, ROLES, type Role } from '../../src/sync/blob'
import { MESSAGE_AWARENESS, MESSAGE_SYNC } from '../../src/sync/protocol'
import { BLOB_SIGNATURE_DOMAIN, chainHashOf, createGenesis, createMemberRecord, createWriter, sealRecord, type Writer } from '../../src/sync/records'
import { sealPresence } from '../../src/sync/presence'
import { MAX_DEVICE_INVITE_MS, MAX_NEW_BLOBS_PER_UPDATE } from '../../src/sync/rules'
import { MAX_UPDATE_BYTES } from '../../src/sync/validateUpdate'

/** What a relay that keeps the rules answers: an error and a 44xx close, or an ack. */
export type Expectation = 'refused' | 'accepted'

export interface Attack {
  name: string
  /** the item of issue 9 it reproduces (null: an honest message, for comparison) */
  item: number | null
  /** the framed message as sent: a y-protocols sync or awareness message */
  bytes: Uint8Array
  expect: Expectation
  planId: Uint8Array
  /** the key whose connection sends `bytes` */
  sender: SigningKeyPair
  /** admin of the plan, whose connection stores `setup` and stays open as a peer (absent: a plan not created yet) */
  admin?: SigningKeyPair
  /** Yjs updates the relay must hold before the message, each sent and acknowledged in order */
  setup: Uint8Array[]
  /**
   * How the sender learns the relay is done: an ack (sync messages), or, for an awareness
   * message, which the relay never acknowledges, the answer to a sync step 1 sent right after
   * it (the room handles a connection's messages in order). Either way a refusal closes.
   */
  answer: 'ack' | 'marker'
  /** the state vector for that marker step 1: what the sender already holds */
  markerStateVector?: Uint8Array
}

/** A plan as the relay will hold it once `setup` is stored: genesis and whatever builders add. */
export interface PlanDraft {
  planId: Uint8Array
  admin: Writer
  /** epoch 0 content key */
  key: Uint8Array
  /** mirror of the relay's log: builders push here, so item ids match what the relay holds */
  doc: Y.Doc
  setup: Uint8Array[]
}

// ------------------------------------------------------------------------------------------
// Plans, records and frames

/** A fresh plan: an admin (a parent, so no consent is needed) and its genesis as the first setup update. */
export function draftPlan(now = Date.now()): PlanDraft {
  const admin = createWriter(generateSigningKeyPair())
  const { planId, bytes } = createGenesis(admin, now, { party: 'parent' })
  const draft: PlanDraft = { planId, admin, key: generateContentKey(), doc: new Y.Doc(), setup: [] }
  store(draft, [bytes])
  return draft
}

/** Pushes blobs into the draft's log and records the change as the next setup update. */
export function store(draft: PlanDraft, blobs: Uint8Array[]): void {
  const before = Y.encodeStateVector(draft.doc)
  draft.doc.getArray<Uint8Array>('log').push(blobs)
  draft.setup.push(Y.encodeStateAsUpdate(draft.doc, before))
}

/** Adds a member (a parent: no organisation, no consent) written by the admin; returns its writer. */
export function addMember(draft: PlanDraft, role: Role): Writer {
  const member = createWriter(generateSigningKeyPair())
  store(draft, [createMemberRecord(draft.admin, draft.planId, { op: 'add', subject: member.identity.publicKey, role, party: 'parent' })])
  return member
}

/** An encrypted `update` record with `bytes` of (meaningless) plaintext. */
export function contentBlob(writer: Writer, draft: Pick<PlanDraft, 'planId' | 'key'>, bytes: number): Uint8Array {
  return sealRecord(writer, draft.planId, 0, draft.key, { kind: 'update', part: 0, parts: 1 }, new Uint8Array(bytes))
}

/** A sync message (0) of sub-type step 1 (0), step 2 (1) or update (2). */
export function syncFrame(type: 0 | 1 | 2, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MESSAGE_SYNC)
  encoding.writeVarUint(e, type)
  encoding.writeVarUint8Array(e, payload)
  return encoding.toUint8Array(e)
}

/** An awareness message (1) holding these states, each as y-protocols encodes it. */
export function awarenessFrame(entries: Array<{ clientId: number; clock: number; state: unknown }>): Uint8Array {
  const inner = encoding.createEncoder()
  encoding.writeVarUint(inner, entries.length)
  for (const e of entries) {
    encoding.writeVarUint(inner, e.clientId)
    encoding.writeVarUint(inner, e.clock)
    encoding.writeVarString(inner, JSON.stringify(e.state))
  }
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MESSAGE_AWARENESS)
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner))
  return encoding.toUint8Array(e)
}

/** One client's run of binary items in `log`, at consecutive clocks from `clock`. */
export interface ClientRun {
  client: number
  clock: number
  blobs: Uint8Array[]
}

/** Yjs's struct info: ContentBinary's ref, and the bit saying a left origin follows */
const CONTENT_BINARY_REF = 3
const HAS_ORIGIN = 0b1000_0000

/**
 * A Yjs update (v1) written by hand: runs in the order given (Yjs writes clients by descending
 * id; a reader keeps the order it finds), each item after the previous one of its run (its
 * left origin), the first at the start of `log`; then a delete set written as given, duplicate
 * ranges included (a Y.Doc merges them; a reader keeps them).
 */
export function handUpdate(runs: ClientRun[], deletes: Array<{ client: number; ranges: Array<{ clock: number; len: number }> }> = []): Uint8Array {
  const encoder = new Y.UpdateEncoderV1()
  const out = encoder.restEncoder
  encoding.writeVarUint(out, runs.length)
  for (const run of runs) {
    encoding.writeVarUint(out, run.blobs.length)
    encoder.writeClient(run.client)
    encoding.writeVarUint(out, run.clock)
    run.blobs.forEach((blob, i) => {
      if (i === 0 && run.clock === 0) {
        encoder.writeInfo(CONTENT_BINARY_REF)
        encoder.writeParentInfo(true)
        encoder.writeString('log')
      } else {
        encoder.writeInfo(CONTENT_BINARY_REF | HAS_ORIGIN)
        encoder.writeLeftID(Y.createID(run.client, run.clock + i - 1))
      }
      encoder.writeBuf(blob)
    })
  }
  encoding.writeVarUint(out, deletes.length)
  for (const d of deletes) {
    encoder.resetDsCurVal()
    encoding.writeVarUint(out, d.client)
    encoding.writeVarUint(out, d.ranges.length)
    for (const r of d.ranges) {
      encoder.writeDsClock(r.clock)
      encoder.writeDsLen(r.len)
    }
  }
  return encoder.toUint8Array()
}

/** A Yjs client id no doc of this process uses (Yjs draws them from 32 bits as well). */
function freshClientId(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]!
}

// ------------------------------------------------------------------------------------------
// The messages

/**
 * Item 1, the delete-range bomb (an admin of its own plan): `blobs` content records and a
 * snapshot covering them are stored; then one update whose delete set names their range
 * `repeats` times. Yjs keeps duplicate ranges, so a relay that archives per range writes
 * blobs × repeats rows. A relay that keeps the rules merges the ranges first (each blob is
 * deleted and archived once: what is left is an honest compaction's delete, so it is accepted)
 * and refuses more raw ranges than MAX_RAW_DELETE_RANGES.
 */
export function deleteRangeBomb(opts: { blobs?: number; blobBytes?: number; repeats?: number } = {}): Attack {
  const { blobs = 10, blobBytes = 60 * 1024, repeats = 1_000 } = opts
  const draft = draftPlan()
  const session = createWriter(draft.admin.identity)
  const firstClock = Y.getState(draft.doc.store, draft.doc.clientID)
  store(
    draft,
    Array.from({ length: blobs }, () => contentBlob(session, draft, blobBytes)),
  )
  const snapshot = sealRecord(
    draft.admin,
    draft.planId,
    0,
    draft.key,
    { kind: 'snapshot', part: 0, parts: 1, covers: [{ author: session.identity.publicKey, session: session.session, seq: session.seq }] },
    new Uint8Array(64),
  )
  store(draft, [snapshot])
  const ranges = Array.from({ length: repeats }, () => ({ clock: firstClock, len: blobs }))
  return {
    name: 'delete-range-bomb',
    item: 1,
    bytes: syncFrame(2, handUpdate([], [{ client: draft.doc.clientID, ranges }])),
    expect: 'accepted',
    planId: draft.planId,
    sender: draft.admin.identity,
    admin: draft.admin.identity,
    setup: draft.setup,
    answer: 'ack',
  }
}

/**
 * Item 2, the reverse-ordered chain (anonymous: a plan not created yet): a genesis, `links`
 * admins each added by the one before, and one add by a stranger that never becomes
 * admissible, as ONE update whose structs come in reverse dependency order (each record under
 * its own client id), so a relay that retries in passes admits one record per pass.
 */
export function reverseChain(opts: { links?: number } = {}): Attack {
  const { links = 2_000 } = opts
  const now = Date.now()
  const writers = [createWriter(generateSigningKeyPair())]
  const { planId, bytes: genesis } = createGenesis(writers[0]!, now, { party: 'parent' })
  const records = [genesis]
  for (let i = 1; i <= links; i++) {
    const next = createWriter(generateSigningKeyPair())
    records.push(createMemberRecord(writers[i - 1]!, planId, { op: 'add', subject: next.identity.publicKey, role: 'admin', party: 'parent' }))
    writers.push(next)
  }
  const stranger = createWriter(generateSigningKeyPair())
  const never = createMemberRecord(stranger, planId, { op: 'add', subject: generateSigningKeyPair().publicKey, role: 'admin', party: 'parent' })
  const base = 1_000_000
  // record i under client base + i: the last link first, the genesis last, the stranger's first of all
  const runs: ClientRun[] = records.map((blob, i) => ({ client: base + i, clock: 0, blobs: [blob] })).reverse()
  runs.unshift({ client: base + records.length, clock: 0, blobs: [never] })
  return {
    name: 'reverse-chain',
    item: 2,
    bytes: syncFrame(2, handUpdate(runs)),
    expect: 'refused',
    planId,
    sender: writers[0]!.identity,
    setup: [],
    answer: 'ack',
  }
}

/**
 * Item 3, the signature flood (anonymous, no genesis needed): one validly signed blob under
 * `copies` fresh item ids, by default as many as fit one update (16 MiB). Every copy after the
 * first is a replay of the same (author, session, seq): cheap to refuse before any signature.
 */
export function signatureFlood(opts: { copies?: number } = {}): Attack {
  const planId = randomBytes(32)
  const writer = createWriter(generateSigningKeyPair())
  // the smallest validly signed record (~190 bytes): the most signatures per byte
  const blob = createMemberRecord(writer, planId, { op: 'add', subject: generateSigningKeyPair().publicKey, role: 'reader' })
  // per copy: the blob, its length (2 bytes), an info byte and a left origin (client and clock varuints)
  const perCopy = blob.length + 2 + 1 + 5 + 4
  const copies = opts.copies ?? Math.floor((MAX_UPDATE_BYTES - 1024) / perCopy)
  const update = handUpdate([{ client: freshClientId(), clock: 0, blobs: Array.from({ length: copies }, () => blob) }])
  return {
    name: 'signature-flood',
    item: 3,
    bytes: syncFrame(2, update),
    expect: 'refused',
    planId,
    sender: writer.identity,
    setup: [],
    answer: 'ack',
  }
}

/**
 * Item 8, the awareness flood (any member): the sender's own valid presence under `ids`
 * fresh awareness client ids in one message. A relay that keeps the rules allows a connection
 * at most a few ids. The presence is padded near its size limit, as a flooder would.
 */
export function awarenessFlood(opts: { ids?: number; presenceBytes?: number } = {}): Attack {
  const { ids = 64, presenceBytes = 6 * 1024 } = opts
  const draft = draftPlan()
  const member = addMember(draft, 'contributor')
  const presence = sealPresence(member, draft.planId, 0, draft.key, { name: 'x'.repeat(presenceBytes), cursor: null })
  const entries = Array.from({ length: ids }, () => ({ clientId: freshClientId(), clock: 1, state: presence }))
  return {
    name: 'awareness-flood',
    item: 8,
    bytes: awarenessFrame(entries),
    expect: 'refused',
    planId: draft.planId,
    sender: member.identity,
    admin: draft.admin.identity,
    setup: draft.setup,
    answer: 'marker',
    markerStateVector: Y.encodeStateVector(draft.doc),
  }
}

/**
 * A `device` record (a link for the author's own next device) with a proof of `proofBytes`:
 * createMemberRecord always writes an empty proof, and the encoder refuses any other: so the
 * record is written and signed here by hand.
 */
export function deviceLinkWithProof(writer: Writer, planId: Uint8Array, role: Role, proofBytes: number, now = Date.now()): Uint8Array {
  writer.seq += 1
  // the encoder refuses a proof on a device record (R2): written field by field as blob.ts
  // writes a member record, so the relay's decoder is what has to say no
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, BLOB_VERSION)
  encoding.writeUint8(encoder, KINDS.indexOf('member'))
  encoding.writeUint8Array(encoder, planId)
  encoding.writeVarUint(encoder, 0)
  encoding.writeUint8Array(encoder, writer.identity.publicKey)
  encoding.writeUint8Array(encoder, writer.session)
  encoding.writeVarUint(encoder, writer.seq)
  // R15: the header names the session's previous record, as records.ts writes it
  if (writer.seq > 1) encoding.writeUint8Array(encoder, writer.head!)
  encoding.writeUint8(encoder, MEMBER_OPS.indexOf('device'))
  encoding.writeUint8Array(encoder, generateSigningKeyPair().publicKey)
  encoding.writeUint8(encoder, ROLES.indexOf(role))
  encoding.writeVarUint(encoder, now + MAX_DEVICE_INVITE_MS / 2)
  encoding.writeVarUint8Array(encoder, randomBytes(proofBytes))
  const signed = encoding.toUint8Array(encoder)
  writer.head = chainHashOf(signed)
  const signature = signDetached(BLOB_SIGNATURE_DOMAIN, signed, writer.identity.secretKey)
  const out = new Uint8Array(signed.length + signature.length)
  out.set(signed)
  out.set(signature, signed.length)
  return out
}

/**
 * Item 6, oversized device-link proofs (a reader): `links` device links in one update, each
 * with a proof of `proofBytes` (only a claim carries a proof, of exactly a signature's length).
 * Every one stays in the plan for good and in every fresh device's step 2.
 */
export function oversizedDeviceProofs(opts: { links?: number; proofBytes?: number } = {}): Attack {
  const { links = 250, proofBytes = 60 * 1024 } = opts
  const draft = draftPlan()
  const reader = addMember(draft, 'reader')
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(draft.doc))
  const before = Y.encodeStateVector(doc)
  doc.getArray<Uint8Array>('log').push(Array.from({ length: links }, () => deviceLinkWithProof(reader, draft.planId, 'reader', proofBytes)))
  return {
    name: 'oversized-device-proofs',
    item: 6,
    bytes: syncFrame(2, Y.encodeStateAsUpdate(doc, before)),
    expect: 'refused',
    planId: draft.planId,
    sender: reader.identity,
    admin: draft.admin.identity,
    setup: draft.setup,
    answer: 'ack',
  }
}

/**
 * Item 7, a cover beyond what exists (an editor): a snapshot covering the admin's session up
 * to seq 2^40, so every later record of that session would be refused as a replay (R8).
 */
export function coverBeyond(opts: { coverSeq?: number } = {}): Attack {
  const { coverSeq = 2 ** 40 } = opts
  const draft = draftPlan()
  const editor = addMember(draft, 'editor')
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(draft.doc))
  const before = Y.encodeStateVector(doc)
  const covers = [{ author: draft.admin.identity.publicKey, session: draft.admin.session, seq: coverSeq }]
  doc.getArray<Uint8Array>('log').push([sealRecord(editor, draft.planId, 0, draft.key, { kind: 'snapshot', part: 0, parts: 1, covers }, new Uint8Array(64))])
  return {
    name: 'cover-beyond',
    item: 7,
    bytes: syncFrame(2, Y.encodeStateAsUpdate(doc, before)),
    expect: 'refused',
    planId: draft.planId,
    sender: editor.identity,
    admin: draft.admin.identity,
    setup: draft.setup,
    answer: 'ack',
  }
}

/**
 * The largest honest update, two ways: `blobs` content records of `blobBytes` plaintext each,
 * written by the admin's device as a real Y.Doc writes them, sent as a sync step 2 (what a
 * device offline for a while sends). Many small ones (MAX_NEW_BLOBS_PER_UPDATE, the most one update
 * may add) is the most signatures; a few of 64 KiB fill the 16 MiB message.
 */
export function honestUpdate(opts: { name?: string; blobs?: number; blobBytes?: number } = {}): Attack {
  const { blobs = MAX_NEW_BLOBS_PER_UPDATE, blobBytes = 100, name = `honest-${blobs}-blobs` } = opts
  const draft = draftPlan()
  const device = createWriter(draft.admin.identity)
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(draft.doc))
  const before = Y.encodeStateVector(doc)
  doc.getArray<Uint8Array>('log').push(Array.from({ length: blobs }, () => contentBlob(device, draft, blobBytes)))
  return {
    name,
    item: null,
    bytes: syncFrame(1, Y.encodeStateAsUpdate(doc, before)),
    expect: 'accepted',
    planId: draft.planId,
    sender: draft.admin.identity,
    admin: draft.admin.identity,
    setup: draft.setup,
    answer: 'ack',
  }
}

/** 64 KiB of plaintext per blob: a full bridge flush. */
export const FULL_BLOB_PLAINTEXT = 64 * 1024

/** As many full blobs as one update holds (16 MiB). */
export function honestFullMessage(): Attack {
  // a sealed blob adds about 230 bytes of header, nonce, commitment and signature to its plaintext
  const blobs = Math.floor((MAX_UPDATE_BYTES - 64 * 1024) / (FULL_BLOB_PLAINTEXT + 300))
  return honestUpdate({ name: 'honest-16mib', blobs, blobBytes: FULL_BLOB_PLAINTEXT })
}
