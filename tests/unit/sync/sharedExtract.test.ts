/**
 * [R18] The bytes of a shared extract (src/sync/sharedExtract.ts): what opens, and everything that
 * must not — another key, altered bytes, another link's bytes, a signature that does not verify,
 * a signer other than the member the relay admitted.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { encrypt, generateSigningKeyPair, loadSodium, signDetached, type SigningKeyPair } from '../../../src/crypto'
import { toBase64Url, toHex } from '../../../src/sync/bytes'
import {
  EXTRACT_FORMAT,
  formatShareLink,
  newShareId,
  newShareKey,
  openExtract,
  parseShareFragment,
  SHARE_DOMAIN,
  type SharedExtract,
  sealExtract,
} from '../../../src/sync/sharedExtract'

let sharer: SigningKeyPair

beforeAll(async () => {
  await loadSodium()
  sharer = generateSigningKeyPair()
})

function extractFor(shareId: Uint8Array, signer = sharer): SharedExtract {
  return {
    format: EXTRACT_FORMAT,
    shareId: toBase64Url(shareId),
    kind: 'request',
    sharer: { key: toHex(signer.publicKey), name: 'Ilse (IB)', organisation: 'De Linde' },
    recipient: { organisationId: 'ab'.repeat(32), name: 'Gemeente Utrecht' },
    sharedAt: 1_700_000_000_000,
    expiresAt: 1_700_000_000_000 + 86_400_000,
    document: { title: 'Onderbouwing', facts: [], involved: null, sections: [] },
  }
}

const code = (work: () => unknown) => {
  try {
    work()
    return 'opened'
  } catch (err) {
    return (err as { code?: string }).code ?? String(err)
  }
}

/** The stored bytes laid out by hand (docs/PROTOCOL.md), with a chosen signature: what a forger holding the key could store. */
function forge(shareId: Uint8Array, key: Uint8Array, body: Uint8Array, signature: Uint8Array): Uint8Array {
  const label = new TextEncoder().encode('samenplan/share-ad/v1')
  const ad = new Uint8Array([...label, 0, ...shareId])
  const sealed = encrypt(key, new Uint8Array([1, ...signature, ...body]), ad)
  return new Uint8Array([1, ...sealed.nonce, ...sealed.commitment, ...sealed.ciphertext])
}

describe('shared extract bytes', () => {
  it('[R18] round-trips: the link opens what the sharer signed, checked against the uploader', () => {
    const id = newShareId()
    const key = newShareKey()
    const stored = sealExtract(extractFor(id), sharer, id, key)
    const opened = openExtract(stored, id, key, toHex(sharer.publicKey))
    expect(opened.sharer.name).toBe('Ilse (IB)')
    expect(opened.document).toEqual({ title: 'Onderbouwing', facts: [], involved: null, sections: [] })
    // the document is not readable in what the relay stores
    expect(Buffer.from(stored).includes(Buffer.from('Onderbouwing'))).toBe(false)
  })

  it('[R18] another key, an altered byte or another link’s id does not open', () => {
    const id = newShareId()
    const key = newShareKey()
    const stored = sealExtract(extractFor(id), sharer, id, key)
    expect(code(() => openExtract(stored, id, newShareKey()))).toBe('share-wrong-key')
    const altered = stored.slice()
    altered[altered.length - 5]! ^= 1
    expect(code(() => openExtract(altered, id, key))).toBe('share-wrong-key')
    expect(code(() => openExtract(stored, newShareId(), key))).toBe('share-wrong-key')
    expect(code(() => openExtract(stored.slice(0, 40), id, key))).toBe('share-malformed')
    expect(code(() => openExtract(new Uint8Array([2, ...stored.slice(1)]), id, key))).toBe('share-malformed')
  })

  it('[R18] a signature that does not verify is refused, though the key opens the bytes', () => {
    const id = newShareId()
    const key = newShareKey()
    const body = new TextEncoder().encode(JSON.stringify(extractFor(id)))
    const good = signDetached(SHARE_DOMAIN, new Uint8Array([...id, ...body]), sharer.secretKey)
    expect(code(() => openExtract(forge(id, key, body, good), id, key))).toBe('opened')
    const flipped = good.slice()
    flipped[3]! ^= 1
    expect(code(() => openExtract(forge(id, key, body, flipped), id, key))).toBe('share-bad-signature')
    // signed by someone else than the key the extract names
    const other = generateSigningKeyPair()
    const byOther = signDetached(SHARE_DOMAIN, new Uint8Array([...id, ...body]), other.secretKey)
    expect(code(() => openExtract(forge(id, key, body, byOther), id, key))).toBe('share-bad-signature')
    // signed under another domain (a signature made for something else)
    const otherDomain = signDetached('samenplan/blob/v1', new Uint8Array([...id, ...body]), sharer.secretKey)
    expect(code(() => openExtract(forge(id, key, body, otherDomain), id, key))).toBe('share-bad-signature')
  })

  it('[R18] an extract signed for another link, or by another key than the uploader, is a mismatch', () => {
    const id = newShareId()
    const key = newShareKey()
    // a valid signature over this id, but the extract inside names another link
    const body = new TextEncoder().encode(JSON.stringify(extractFor(newShareId())))
    const signature = signDetached(SHARE_DOMAIN, new Uint8Array([...id, ...body]), sharer.secretKey)
    expect(code(() => openExtract(forge(id, key, body, signature), id, key))).toBe('share-mismatch')
    // a member stored what another key signed: the opener sees the relay's uploader differs
    const stranger = generateSigningKeyPair()
    const stored = sealExtract(extractFor(id, stranger), stranger, id, key)
    expect(code(() => openExtract(stored, id, key, toHex(stranger.publicKey)))).toBe('opened')
    expect(code(() => openExtract(stored, id, key, toHex(sharer.publicKey)))).toBe('share-mismatch')
  })

  it('[R18] the extract’s fields are read strictly', () => {
    const id = newShareId()
    const key = newShareKey()
    const bad = { ...extractFor(id), kind: 'everything' }
    const body = new TextEncoder().encode(JSON.stringify(bad))
    const signature = signDetached(SHARE_DOMAIN, new Uint8Array([...id, ...body]), sharer.secretKey)
    expect(code(() => openExtract(forge(id, key, body, signature), id, key))).toBe('share-malformed')
    const notJson = new TextEncoder().encode('{"format":')
    const signature2 = signDetached(SHARE_DOMAIN, new Uint8Array([...id, ...notJson]), sharer.secretKey)
    expect(code(() => openExtract(forge(id, key, notJson, signature2), id, key))).toBe('share-malformed')
  })

  it('the link keeps the id and key in its fragment, one spelling each', () => {
    const id = newShareId()
    const key = newShareKey()
    const link = formatShareLink('https://samenplan.example/', id, key)
    expect(link.startsWith('https://samenplan.example/#/gedeeld/')).toBe(true)
    const parsed = parseShareFragment(link)
    expect(parsed && toHex(parsed.shareId)).toBe(toHex(id))
    expect(parsed && toHex(parsed.key)).toBe(toHex(key))
    expect(parseShareFragment(`${link}x`)).toBeNull()
    expect(parseShareFragment('https://samenplan.example/#/plan/abc')).toBeNull()
  })
})
