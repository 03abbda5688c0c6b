/**
 * The .samenplan file format on its own: round trip, and each way a file can be wrong gets its own
 * code (docs/ERRORS.md), checked in the order a person would need them.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import * as encoding from 'lib0/encoding'
import { loadSodium, minimumKdfLimits, randomBytes } from '../../src/crypto'
import { AccessError } from '../../src/access/errors'
import { EXPORT_MAGIC, MAX_IMPORT_OPS_LIMIT, type ExportContents } from '../../src/access/exportFile'
import { openPlanExport, sealPlanExport } from '../../src/access/planExport'
import { exportFileName } from '../../src/access/planTransfer'

const PASS = 'zomer fiets lamp'

function contents(): ExportContents {
  return {
    planId: randomBytes(32),
    exportedAt: 1_790_000_000_000,
    keys: new Map([
      [0, randomBytes(32)],
      [3, randomBytes(32)],
    ]),
    envelope: randomBytes(500),
  }
}

function codeOf(f: () => unknown): string {
  try {
    f()
  } catch (err) {
    if (err instanceof AccessError) return err.code
    throw err
  }
  throw new Error('did not throw')
}

beforeAll(async () => {
  await loadSodium()
})

describe('export file format', () => {
  it('round-trips keys, plan id and the envelope', () => {
    const c = contents()
    const bytes = sealPlanExport(c, PASS, minimumKdfLimits())
    expect([...bytes.subarray(0, EXPORT_MAGIC.length)]).toEqual([...EXPORT_MAGIC])
    const back = openPlanExport(bytes, PASS)
    expect(back.planId).toEqual(c.planId)
    expect(back.exportedAt).toBe(c.exportedAt)
    expect([...back.keys.keys()]).toEqual([0, 3])
    expect(back.keys.get(3)).toEqual(c.keys.get(3))
    expect(back.envelope).toEqual(c.envelope)
  })

  it('holds no key and no envelope byte in the clear', () => {
    const c = contents()
    const bytes = sealPlanExport(c, PASS, minimumKdfLimits())
    const hex = Buffer.from(bytes).toString('hex')
    expect(hex.includes(Buffer.from(c.keys.get(0)!).toString('hex'))).toBe(false)
    expect(hex.includes(Buffer.from(c.envelope.subarray(0, 24)).toString('hex'))).toBe(false)
  })

  it('says "wrong passphrase" for a wrong passphrase, also one in another Unicode form', () => {
    const bytes = sealPlanExport(contents(), 'café fiets lamp', minimumKdfLimits())
    expect(codeOf(() => openPlanExport(bytes, 'cafe fiets lamp'))).toBe('export-wrong-passphrase')
    // NFC and NFD of the same words are the same passphrase
    expect(openPlanExport(bytes, 'cafe\u0301 fiets lamp').keys.size).toBe(2)
  })

  it('refuses a passphrase under 8 characters when exporting', () => {
    expect(codeOf(() => sealPlanExport(contents(), 'kort', minimumKdfLimits()))).toBe('export-passphrase-too-short')
  })

  it('says "not a Samenplan file" for other files', () => {
    expect(codeOf(() => openPlanExport(new TextEncoder().encode('%PDF-1.7 …'), PASS))).toBe('export-not-samenplan')
    expect(codeOf(() => openPlanExport(new Uint8Array(0), PASS))).toBe('export-not-samenplan')
  })

  it('says "damaged" for a flipped byte anywhere, a cut-short file or trailing bytes', () => {
    const bytes = sealPlanExport(contents(), PASS, minimumKdfLimits())
    for (const at of [EXPORT_MAGIC.length + 2, 40, bytes.length - 100, bytes.length - 1]) {
      const bad = bytes.slice()
      bad[at]! ^= 0x01
      expect(
        codeOf(() => openPlanExport(bad, PASS)),
        `byte ${at}`,
      ).toBe('export-damaged')
    }
    expect(codeOf(() => openPlanExport(bytes.subarray(0, bytes.length - 10), PASS))).toBe('export-damaged')
    expect(codeOf(() => openPlanExport(bytes.subarray(0, EXPORT_MAGIC.length + 1), PASS))).toBe('export-damaged')
    const longer = new Uint8Array(bytes.length + 3)
    longer.set(bytes)
    expect(codeOf(() => openPlanExport(longer, PASS))).toBe('export-damaged')
  })

  it('says "made by a newer Samenplan" for a higher format version', () => {
    const e = encoding.createEncoder()
    encoding.writeUint8Array(e, EXPORT_MAGIC)
    encoding.writeVarUint(e, 2)
    encoding.writeUint8Array(e, randomBytes(200)) // whatever version 2 holds
    expect(codeOf(() => openPlanExport(encoding.toUint8Array(e), PASS))).toBe('export-newer-version')
  })

  it('refuses a file asking for an Argon2id cost beyond the limit, before deriving', () => {
    const bytes = sealPlanExport(contents(), PASS, { opsLimit: MAX_IMPORT_OPS_LIMIT + 1, memLimit: 8192 })
    const started = Date.now()
    expect(codeOf(() => openPlanExport(bytes, PASS))).toBe('export-damaged')
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it('names the file after the child and the date, without characters a file system dislikes', () => {
    expect(exportFileName('Zoë de Vries', 'AbCdEfGhIjKlMnOp', new Date(2026, 11, 1))).toBe('samenplan-zoe-de-vries-2026-12-01.samenplan')
    expect(exportFileName('', 'AbCdEfGhIjKlMnOp', new Date(2026, 0, 9))).toBe('samenplan-AbCdEfGhIjKl-2026-01-09.samenplan')
  })
})
