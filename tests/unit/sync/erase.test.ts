/**
 * [R20] Erase records: the grammar, who may write each half, and when a pair erases the plan
 * (a parent with gezag or the youth from 16 asks, an admin of another person confirms, signed
 * within 30 days). Judged alike by the relay (new records) and by a device (historic: what a
 * relay sends, including a relay that makes records up).
 */
import * as Y from 'yjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadSodium } from '../../../src/crypto'
import { decodeBlob, type Party, type Role } from '../../../src/sync/blob'
import { ERASE_PAIR_WINDOW_MS } from '../../../src/sync/erase'
import { createCloseRecord, createEraseRecord, createMemberRecord } from '../../../src/sync/records'
import { createRoomState, cutOf } from '../../../src/sync/roomState'
import { validateUpdate } from '../../../src/sync/validateUpdate'
import { createFixture, createWriter, generateSigningKeyPair, type Fixture } from './fixtures'

beforeAll(loadSodium)

function addAs(f: Fixture, role: Role, party: Party) {
  const writer = createWriter(generateSigningKeyPair())
  const r = f.apply(f.updateWith([createMemberRecord(f.admin, f.planId, { op: 'add', subject: writer.identity.publicKey, role, party })]))
  if (!r.ok) throw r.error
  return writer
}

function refusal(f: Fixture, record: Uint8Array, now = Date.now()): string | null {
  const r = f.apply(f.updateWith([record]), now)
  return r.ok ? null : `${r.error.rule} ${r.error.code}`
}

describe('[R20] erase records', () => {
  it('round-trips a request and a confirm; an unknown op does not decode', () => {
    const f = createFixture()
    const at = 1_800_000_000_123
    expect(decodeBlob(createEraseRecord(f.admin, f.planId, 'request', at))).toMatchObject({ kind: 'erase', op: 'request', at })
    expect(decodeBlob(createEraseRecord(f.admin, f.planId, 'confirm', at))).toMatchObject({ kind: 'erase', op: 'confirm', at })
    const bytes = createEraseRecord(f.admin, f.planId, 'confirm', at)
    // the op byte follows the header; flip it to 2 (no such op): the signature is not even reached
    const decoded = decodeBlob(bytes)
    const opAt = decoded.signed.length - 1 - encodedLength(at)
    const forged = bytes.slice()
    forged[opAt] = 2
    expect(() => decodeBlob(forged)).toThrow(/erase op/)
  })

  it('a parent with gezag asks, an admin confirms: the pair erases the plan, and then it takes nothing more', () => {
    const f = createFixture()
    const parent = addAs(f, 'reader', 'gezag')
    const now = Date.now()
    expect(refusal(f, createEraseRecord(parent, f.planId, 'request', now), now)).toBeNull()
    expect(f.room.erasure).toBeNull()
    expect(refusal(f, createEraseRecord(f.admin, f.planId, 'confirm', now + 1000), now + 1000)).toBeNull()
    expect(f.room.erasure).toMatchObject({ at: now + 1000 })
    expect(f.room.erasure?.proof).toHaveLength(2)
    expect(refusal(f, f.update(f.admin))).toBe('R20 plan-erased')
  })

  it("a closed plan (R19) can still be erased: retention runs from the close, and its halves pass the close's cut, in one update too", () => {
    for (const together of [false, true]) {
      const f = createFixture()
      const parent = addAs(f, 'reader', 'gezag')
      const at = Date.now()
      expect(
        refusal(
          f,
          createCloseRecord(f.admin, f.planId, {
            op: 'close',
            at,
            reason: 'other-school',
            reopenUntil: at + 1000,
            cut: cutOf(f.envelope),
            keepUntil: at + 2 * 365 * 24 * 60 * 60 * 1000,
          }),
        ),
      ).toBeNull()
      expect(refusal(f, f.update(f.admin))).toBe('R19 plan-closed')
      const request = createEraseRecord(parent, f.planId, 'request', at)
      const confirm = createEraseRecord(f.admin, f.planId, 'confirm', at + 1)
      if (together) {
        const r = f.apply(f.updateWith([request, confirm]), at + 1)
        expect(r.ok).toBe(true)
      } else {
        expect(refusal(f, request, at)).toBeNull()
        expect(refusal(f, confirm, at + 1)).toBeNull()
      }
      expect(f.room.erasure).toMatchObject({ at: at + 1 })
    }
  })

  it('the other order too: an admin confirms first, the youth from 16 asks later', () => {
    const f = createFixture()
    const youth = addAs(f, 'contributor', 'youth16')
    const now = Date.now()
    expect(refusal(f, createEraseRecord(f.admin, f.planId, 'confirm', now), now)).toBeNull()
    expect(f.room.erasure).toBeNull()
    expect(refusal(f, createEraseRecord(youth, f.planId, 'request', now), now)).toBeNull()
    expect(f.room.erasure).not.toBeNull()
  })

  it('refuses a request by a parent without gezag or by an admin, and a confirm by a parent who is no admin', () => {
    const f = createFixture()
    const parent = addAs(f, 'editor', 'parent')
    const gezag = addAs(f, 'editor', 'gezag')
    expect(refusal(f, createEraseRecord(parent, f.planId, 'request', Date.now()))).toBe('R20 erase-forbidden')
    expect(refusal(f, createEraseRecord(f.admin, f.planId, 'request', Date.now()))).toBe('R20 erase-forbidden')
    expect(refusal(f, createEraseRecord(gezag, f.planId, 'confirm', Date.now()))).toBe('R20 erase-forbidden')
    expect(f.room.erasure).toBeNull()
  })

  it('one person alone erases nothing: a parent with gezag who is also admin asks and confirms, and the plan stays', () => {
    const f = createFixture()
    const both = addAs(f, 'admin', 'gezag')
    expect(refusal(f, createEraseRecord(both, f.planId, 'request', Date.now()))).toBeNull()
    expect(refusal(f, createEraseRecord(both, f.planId, 'confirm', Date.now()))).toBeNull()
    expect(f.room.erasure).toBeNull()
    // the admin alone (confirming twice) neither
    expect(refusal(f, createEraseRecord(f.admin, f.planId, 'confirm', Date.now() + 1))).toBeNull()
    expect(f.room.erasure).not.toBeNull() // … but the admin with the other person's request does
  })

  it('halves signed more than 30 days apart do not pair; a new half far from the clock is refused', () => {
    const f = createFixture()
    const parent = addAs(f, 'reader', 'gezag')
    const then = Date.now()
    const later = then + ERASE_PAIR_WINDOW_MS + 1
    expect(refusal(f, createEraseRecord(parent, f.planId, 'request', then), then)).toBeNull()
    expect(refusal(f, createEraseRecord(f.admin, f.planId, 'confirm', later), later)).toBeNull()
    expect(f.room.erasure).toBeNull()
    expect(refusal(f, createEraseRecord(parent, f.planId, 'request', later - 60 * 60_000), later)).toBe('R20 erase-clock')
  })

  it('a bad signature and a non-member are refused before any rule', () => {
    const f = createFixture()
    addAs(f, 'reader', 'gezag')
    const forged = createEraseRecord(f.admin, f.planId, 'confirm', Date.now())
    forged[forged.length - 1]! ^= 1
    expect(refusal(f, forged)).toBe('R3 bad-signature')
    const stranger = createWriter(generateSigningKeyPair())
    expect(refusal(f, createEraseRecord(stranger, f.planId, 'request', Date.now()))).toBe('R5 role-forbidden')
  })

  it('a device refuses a made-up erasure a relay sends (historic mode), and takes a real one', () => {
    const f = createFixture()
    const parent = addAs(f, 'reader', 'parent')
    const gezag = addAs(f, 'reader', 'gezag')
    const device = () => {
      const envelope = new Y.Doc()
      Y.applyUpdate(envelope, Y.encodeStateAsUpdate(f.envelope))
      const room = createRoomState(f.planId)
      const loaded = validateUpdate(new Y.Doc(), room, Y.encodeStateAsUpdate(f.envelope), { historicContent: true, now: Date.now() })
      if (!loaded.ok) throw loaded.error
      loaded.commit()
      return { envelope, room }
    }
    const fromRelay = (records: Uint8Array[]) => {
      const d = device()
      const r = validateUpdate(d.envelope, d.room, f.updateWith(records), { historicContent: true, now: Date.now() })
      if (r.ok) r.commit()
      return { refused: r.ok ? null : `${r.error.rule} ${r.error.code}`, erased: d.room.erasure !== null }
    }
    const now = Date.now()
    expect(fromRelay([createEraseRecord(parent, f.planId, 'request', now), createEraseRecord(f.admin, f.planId, 'confirm', now)])).toEqual({
      refused: 'R20 erase-forbidden',
      erased: false,
    })
    expect(fromRelay([createEraseRecord(gezag, f.planId, 'request', now), createEraseRecord(gezag, f.planId, 'confirm', now)])).toEqual({
      refused: 'R20 erase-forbidden',
      erased: false,
    })
    expect(fromRelay([createEraseRecord(gezag, f.planId, 'request', now), createEraseRecord(f.admin, f.planId, 'confirm', now)])).toEqual({
      refused: null,
      erased: true,
    })
  })
})

/** bytes of a lib0 varUint */
function encodedLength(n: number): number {
  let len = 1
  while (n >= 0x80) {
    n = Math.floor(n / 0x80)
    len++
  }
  return len
}
