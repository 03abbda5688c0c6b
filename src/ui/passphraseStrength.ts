/**
 * A rough strength hint for a new passphrase, to guide rather than to judge: length counts most,
 * several separate words help, and a few well-known passwords are always weak.
 */
export type Strength = 'too-short' | 'weak' | 'fair' | 'strong'

export const MIN_LENGTH = 8 // the access layer refuses shorter ones

const COMMON = /^(wachtwoord|password|welkom|qwerty|azerty|samenplan|geheim|letmein|iloveyou|1234|abc)/i

export function passphraseStrength(passphrase: string): Strength {
  const p = passphrase.normalize('NFC')
  if (p.length < MIN_LENGTH) return 'too-short'
  if (COMMON.test(p) || /^(.)\1+$/.test(p) || /^\d+$/.test(p)) return 'weak'
  const words = p
    .trim()
    .split(/[\s\-_.,]+/)
    .filter((w) => w.length >= 3).length
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d\s]/].filter((r) => r.test(p)).length
  if ((words >= 4 && p.length >= 16) || p.length >= 20 || (p.length >= 14 && classes >= 3)) return 'strong'
  if (p.length >= 12 || (words >= 3 && p.length >= 10) || classes >= 3) return 'fair'
  return 'weak'
}
