import type { ShareMessages } from './share.nl'

/** English strings of inviting someone (the share dialog) and accepting an invitation (Join). */
export const shareEn: ShareMessages = {
  'share.open': 'Share',
  'share.title': 'Invite someone',
  'share.intro': 'Create a personal invite link and send it through a safe channel.',
  'share.role': 'Role',
  'share.expiry': 'Link valid for',
  'share.expiry.1': '1 hour',
  'share.expiry.24': '1 day',
  'share.expiry.168': '7 days',
  'share.name': 'Name (optional)',
  'share.nameHint': 'Who is the invite for? Only visible inside the plan.',
  'share.create': 'Create link',
  'share.creating': 'Creating link…',
  'share.link': 'Invite link',
  'share.qr': 'QR code for the invite',
  'share.copy': 'Copy',
  'share.copied': 'Copied',
  'share.warning': 'This link works once and is secret: whoever has it can open the plan. Send it only to the person you are inviting.',
  'share.close': 'Close',
  'share.another': 'Invite someone else',
  'share.failed': 'The invite could not be created.',

  'join.title': 'Invitation',
  'join.checking': 'Checking the invitation…',
  'join.invitedBy': "{inviter} invites you to {child}'s plan.",
  'join.invited': "You are invited to {child}'s plan.",
  'join.validUntil': 'Valid until',
  'join.expires': '{date}',
  'join.accept': 'Accept invitation',
  'join.accepting': 'Accepting…',
  'join.as': 'You join as {name}.',
  'join.alreadyMember': 'This plan is already on this device.',
  'join.open': 'Open plan',

  'error.offline': 'There is no connection right now. Try again once you are online.',
}
