import { fromBase64Url, toBase64Url } from '../sync/bytes'
import { AccessError } from './errors'

/** The secret travels in the fragment: browsers never send it to a server. */
export function formatInviteLink(appUrl: string, planId: string, secret: Uint8Array): string {
  return `${appUrl.replace(/\/$/, '')}/#/join/${planId}/${toBase64Url(secret)}`
}

export function parseInviteLink(link: string): { planId: string; secret: Uint8Array } {
  const match = /#\/join\/([A-Za-z0-9_-]{43})\/([A-Za-z0-9_-]{43})$/.exec(link.trim())
  if (!match) throw new AccessError('invite-invalid', 'this is not a Samenplan invite link')
  return { planId: match[1]!, secret: fromBase64Url(match[2]!) }
}
