import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  CryptoError,
  decryptPiece,
  encryptPiece,
  FILE_PIECE_PLAINTEXT_BYTES,
  fileHash,
  fileHasher,
  generateFileKey,
  loadSodium,
  pieceAddress,
  pieceCount,
  plaintextPiece,
} from '../../../src/crypto'

beforeAll(loadSodium)

function encryptAll(key: Uint8Array, plaintext: Uint8Array): Uint8Array[] {
  const count = pieceCount(plaintext.length)
  return Array.from({ length: count }, (_, i) => encryptPiece(key, i, count, plaintextPiece(plaintext, i)))
}

/** As a download does: the plan says how many pieces; none at all is not a file. */
function decryptAll(key: Uint8Array, pieces: Uint8Array[]): Uint8Array {
  if (pieces.length === 0) throw new CryptoError('decrypt-failed', 'no pieces')
  const parts = pieces.map((p, i) => decryptPiece(key, i, pieces.length, p))
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

function flipBit(bytes: Uint8Array, at: number): void {
  bytes[at] = bytes[at]! ^ 1
}

/** toEqual walks a Uint8Array element by element: seconds for a few MiB */
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b))

function bytes(n: number, seed = 7): Uint8Array {
  const out = new Uint8Array(n)
  for (let i = 0; i < n; i++) out[i] = (i * 31 + seed) & 255
  return out
}

describe('file pieces', () => {
  it('round-trips files of every size around the piece boundary; the same key gives the same pieces (a resumable upload)', () => {
    for (const size of [0, 1, FILE_PIECE_PLAINTEXT_BYTES - 1, FILE_PIECE_PLAINTEXT_BYTES, FILE_PIECE_PLAINTEXT_BYTES + 1, 2 * FILE_PIECE_PLAINTEXT_BYTES + 5]) {
      const key = generateFileKey()
      const plaintext = bytes(size)
      const pieces = encryptAll(key, plaintext)
      expect(pieces).toHaveLength(pieceCount(size))
      expect(same(decryptAll(key, pieces), plaintext)).toBe(true)
      expect(encryptAll(key, plaintext).map((p) => pieceAddress(p))).toEqual(pieces.map((p) => pieceAddress(p)))
    }
  })

  it('a truncated file, swapped or altered pieces and a wrong key are refused; a plaintext canary is in no piece', () => {
    const key = generateFileKey()
    const canary = new TextEncoder().encode('KANARIE-dossier-Sanne-psychologisch-onderzoek')
    const plaintext = new Uint8Array(2 * FILE_PIECE_PLAINTEXT_BYTES + 100)
    plaintext.set(canary, FILE_PIECE_PLAINTEXT_BYTES + 10)
    const pieces = encryptAll(key, plaintext)
    for (const p of pieces) expect(Buffer.from(p).includes(Buffer.from(canary))).toBe(false)
    // dropping the last piece: the new last one was not written as last
    expect(() => decryptAll(key, pieces.slice(0, 2))).toThrow(CryptoError)
    expect(() => decryptAll(key, [pieces[1]!, pieces[0]!, pieces[2]!])).toThrow(/altered, moved/)
    const altered = pieces.map((p) => p.slice())
    flipBit(altered[1]!, 500)
    expect(() => decryptAll(key, altered)).toThrow(CryptoError)
    expect(() => decryptAll(generateFileKey(), pieces)).toThrow(CryptoError)
    // the address catches an altered piece before any decryption
    expect(pieceAddress(altered[1]!)).not.toEqual(pieceAddress(pieces[1]!))
    expect(fileHash(decryptAll(key, pieces))).toEqual(fileHash(plaintext))
  })

  it('a piece opens only as the format it was sealed in (format 1: 1 MiB pieces, from before format 2; still opened)', () => {
    const key = generateFileKey()
    const plaintext = bytes(1024 * 1024 + 3)
    expect([pieceCount(plaintext.length, 1), pieceCount(plaintext.length, 2)]).toEqual([2, 1])
    const old = [0, 1].map((i) => encryptPiece(key, i, 2, plaintextPiece(plaintext, i, 1), 1))
    expect(same(Buffer.concat(old.map((p, i) => decryptPiece(key, i, 2, p, 1))), plaintext)).toBe(true)
    // the same index, count and plaintext under the other format's label: nothing opens
    const lone = encryptPiece(key, 0, 1, bytes(100), 1)
    expect(() => decryptPiece(key, 0, 1, lone, 2)).toThrow(/altered, moved/)
    expect(() => decryptPiece(key, 0, 1, encryptPiece(key, 0, 1, bytes(100), 2), 1)).toThrow(/altered, moved/)
    // a format 1 piece holds at most 1 MiB
    expect(() => encryptPiece(key, 0, 1, bytes(1024 * 1024 + 1), 1)).toThrow(CryptoError)
  })

  it('the plaintext hash fed piece by piece is the hash of the whole, and refuses more or fewer bytes than the file has', () => {
    const plaintext = bytes(2 * FILE_PIECE_PLAINTEXT_BYTES + 9)
    const hasher = fileHasher(plaintext.length)
    for (let i = 0; i < pieceCount(plaintext.length); i++) hasher.update(plaintextPiece(plaintext, i))
    expect(hasher.digest()).toEqual(fileHash(plaintext))
    const short = fileHasher(10)
    short.update(bytes(9))
    expect(() => short.digest()).toThrow(CryptoError)
    expect(() => fileHasher(10).update(bytes(11))).toThrow(CryptoError)
  })

  it('property: any change to the list of pieces (drop, repeat, reorder, flip a bit) is refused or gives back the file exactly', () => {
    const key = generateFileKey()
    // three short pieces of a made-up file (encryptPiece takes any plaintext up to a full piece)
    const parts = [bytes(10, 1), bytes(20, 2), bytes(5, 3)]
    const enc = parts.map((p, i) => encryptPiece(key, i, parts.length, p))
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 2 }), { minLength: 0, maxLength: 5 }), fc.option(fc.nat({ max: 30 })), (order, flip) => {
        const list = order.map((i) => enc[i]!.slice())
        if (flip !== null && list.length > 0) flipBit(list[0]!, flip % list[0]!.length)
        let got: Uint8Array[] | null
        try {
          if (list.length === 0) throw new CryptoError('decrypt-failed', 'no pieces')
          got = list.map((p, i) => decryptPiece(key, i, list.length, p))
        } catch {
          got = null
        }
        const intact = flip === null && order.length === 3 && order.every((v, i) => v === i)
        if (intact) expect(got).toEqual(parts)
        else expect(got).toBeNull()
      }),
      { numRuns: 300 },
    )
  })
})
