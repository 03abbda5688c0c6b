/** The device link's format (docs/PROTOCOL.md): round trip, size, derived keys, damaged links. */
import { beforeAll, describe, expect, it } from 'vitest'
import { loadSodium, randomBytes } from '../../src/crypto'
import { toBase64Url, toHex } from '../../src/sync/bytes'
import { MAX_LINK_PLANS, deviceInviteKey, formatDeviceLink, parseDeviceLink } from '../../src/access/deviceLink'

beforeAll(async () => {
  await loadSodium()
})

const planIds = (n: number) => Array.from({ length: n }, () => toBase64Url(randomBytes(32)))

describe('device link', () => {
  it('round-trips secret, expiry, name and plan ids', () => {
    const payload = { secret: randomBytes(32), expiresAt: 1_800_000_000_000, name: 'Fatima (moeder)', planIds: planIds(3) }
    const link = formatDeviceLink('https://samenplan.example/', payload)
    expect(link).toMatch(/^https:\/\/samenplan\.example\/#\/koppel\/[A-Za-z0-9_-]+$/)
    expect(parseDeviceLink(link)).toEqual(payload)
  })

  it('stays small enough for a QR code with the most plans and a long name', () => {
    const link = formatDeviceLink('https://samenplan.example', {
      secret: randomBytes(32),
      expiresAt: Date.now(),
      name: 'é'.repeat(80),
      planIds: planIds(MAX_LINK_PLANS),
    })
    expect(link.length).toBeLessThan(1800)
    expect(() => formatDeviceLink('https://x', { secret: randomBytes(32), expiresAt: 1, name: '', planIds: planIds(MAX_LINK_PLANS + 1) })).toThrow()
    expect(() => formatDeviceLink('https://x', { secret: randomBytes(32), expiresAt: 1, name: '', planIds: [] })).toThrow()
  })

  it('refuses damaged, truncated, extended and foreign links as invite-invalid', () => {
    const link = formatDeviceLink('https://x', { secret: randomBytes(32), expiresAt: 5, name: 'A', planIds: planIds(2) })
    const bad = [
      link.slice(0, -6),
      `${link}AAAA`,
      'https://x/#/join/abc/def',
      'https://x/#/koppel/',
      'https://x/#/koppel/!!!',
      link.replace('#/koppel/A', '#/koppel/C'),
    ]
    for (const b of bad) expect(() => parseDeviceLink(b), b).toThrow(expect.objectContaining({ code: 'invite-invalid' }))
  })

  it('derives one invite key per plan from the one secret', () => {
    const secret = randomBytes(32)
    const [a, b] = planIds(2)
    expect(toHex(deviceInviteKey(secret, a!).publicKey)).toBe(toHex(deviceInviteKey(secret, a!).publicKey))
    expect(toHex(deviceInviteKey(secret, a!).publicKey)).not.toBe(toHex(deviceInviteKey(secret, b!).publicKey))
    expect(toHex(deviceInviteKey(randomBytes(32), a!).publicKey)).not.toBe(toHex(deviceInviteKey(secret, a!).publicKey))
  })
})
