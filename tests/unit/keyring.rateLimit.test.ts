import { beforeAll, describe, expect, it } from 'vitest'
import { loadSodium } from '../../src/crypto'
import { FREE_ATTEMPTS, KeyringError, MAX_WAIT_MS, openLockedKeyring, waitAfter } from '../../src/keyring'
import { FAST, PASSPHRASE, newIdentity, uniqueName } from './keyring.fixtures'

beforeAll(async () => {
  await loadSodium()
})

async function attempt(kr: { unlock(p: string): Promise<void> }, passphrase: string): Promise<KeyringError | null> {
  try {
    await kr.unlock(passphrase)
    return null
  } catch (err) {
    if (!(err instanceof KeyringError)) throw err
    return err
  }
}

describe('wrong passphrases are rate-limited', () => {
  it('the wait grows 2 s, 4 s, 8 s … after 5 wrong ones, capped at 15 minutes', () => {
    for (let i = 0; i < FREE_ATTEMPTS; i++) expect(waitAfter(i)).toBe(0)
    expect(waitAfter(5)).toBe(2000)
    expect(waitAfter(6)).toBe(4000)
    expect(waitAfter(7)).toBe(8000)
    expect(waitAfter(13)).toBe(512_000)
    expect(waitAfter(14)).toBe(MAX_WAIT_MS)
    expect(waitAfter(1000)).toBe(MAX_WAIT_MS)
  })

  it('locks out after 5 wrong ones, tells how long, survives a reload, and a right one resets', async () => {
    let clock = 1_700_000_000_000
    const now = () => clock
    const name = uniqueName('rate')
    const kr = await openLockedKeyring(name, { ...FAST, now })
    await kr.create(newIdentity(), PASSPHRASE)
    kr.lock()

    for (let i = 1; i < FREE_ATTEMPTS; i++) {
      const err = await attempt(kr, `fout ${i} fout`)
      expect(err?.code).toBe('wrong-passphrase')
      expect(err?.retryAfterMs).toBe(0)
    }
    const fifth = await attempt(kr, 'fout 5 fout')
    expect(fifth?.code).toBe('wrong-passphrase')
    expect(fifth?.retryAfterMs).toBe(2000)

    // during the wait even the right passphrase is not tried
    clock += 500
    const early = await attempt(kr, PASSPHRASE)
    expect(early?.code).toBe('locked-out')
    expect(early?.retryAfterMs).toBe(1500)
    expect(kr.state()).toBe('locked')
    expect(await kr.retryAfterMs()).toBe(1500)

    // a reload does not reset it: the count and time are in IndexedDB
    kr.close()
    const reloaded = await openLockedKeyring(name, { ...FAST, now })
    expect(reloaded.state()).toBe('locked')
    expect((await attempt(reloaded, PASSPHRASE))?.code).toBe('locked-out')

    clock += 1500
    const sixth = await attempt(reloaded, 'fout 6 fout')
    expect(sixth?.code).toBe('wrong-passphrase')
    expect(sixth?.retryAfterMs).toBe(4000)
    clock += 3999
    expect((await attempt(reloaded, PASSPHRASE))?.code).toBe('locked-out')
    clock += 1
    expect(await attempt(reloaded, PASSPHRASE)).toBeNull()
    expect(reloaded.state()).toBe('unlocked')

    // the right passphrase reset the count: a typo later is free again
    reloaded.lock()
    expect((await attempt(reloaded, 'weer een typo'))?.retryAfterMs).toBe(0)
    reloaded.close()
  })

  it('a wrong old passphrase when changing it counts too', async () => {
    let clock = 1_700_000_000_000
    const kr = await openLockedKeyring(uniqueName('rate-change'), { ...FAST, now: () => clock })
    await kr.create(newIdentity(), PASSPHRASE)
    for (let i = 0; i < FREE_ATTEMPTS; i++) {
      await kr.changePassphrase(`fout ${i} fout`, 'nieuw wachtwoord').catch(() => undefined)
    }
    const err = await kr.changePassphrase(PASSPHRASE, 'nieuw wachtwoord').catch((e: KeyringError) => e)
    expect((err as KeyringError).code).toBe('locked-out')
    clock += 2000
    await kr.changePassphrase(PASSPHRASE, 'nieuw wachtwoord')
    kr.close()
  })
})
