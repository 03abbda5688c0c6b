/** Who gets the Safari steps, and how storage sizes read. */
import { describe, expect, it } from 'vitest'
import { isIosSafari } from '../../src/ui/install'
import { formatBytes } from '../../src/ui/storagePersistence'

const UA = {
  iphoneSafari: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  iphoneChrome: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0 Mobile/15E148 Safari/604.1',
  ipadSafari: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  androidChrome: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36',
}

describe('install guidance', () => {
  it('gives the Share → Add to Home Screen steps to Safari on iPhone and iPad only', () => {
    expect(isIosSafari(UA.iphoneSafari, 5)).toBe(true)
    // an iPad says "Macintosh"; its touch screen gives it away
    expect(isIosSafari(UA.ipadSafari, 5)).toBe(true)
    expect(isIosSafari(UA.ipadSafari, 0)).toBe(false)
    // other browsers on iOS cannot add to the home screen the same way
    expect(isIosSafari(UA.iphoneChrome, 5)).toBe(false)
    expect(isIosSafari(UA.androidChrome, 5)).toBe(false)
  })
})

describe('storage sizes', () => {
  it('reads in the units people know, in Dutch number format', () => {
    expect(formatBytes(0, 'nl-NL')).toBe('0 B')
    expect(formatBytes(1_234_567, 'nl-NL')).toBe('1,2 MB')
    expect(formatBytes(11_000_000_000, 'nl-NL')).toBe('11 GB')
    expect(formatBytes(1_234_567, 'en-GB')).toBe('1.2 MB')
  })
})
