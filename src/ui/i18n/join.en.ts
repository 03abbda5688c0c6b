import type { JoinMessages } from './join.nl'

/** English strings of an invite link checked before a profile is made. */
export const joinEn: JoinMessages = {
  'join.check.open': 'You have been invited. First choose your name and a password. Then you can accept the invitation.',
  'join.check.used': 'This invitation has already been used. Ask the person who invited you for a new link.',
  'join.check.expired': 'This invitation has expired. Ask the person who invited you for a new link.',
  'join.check.withdrawn': 'This invitation has been taken back. Ask the person who invited you whether you can have a new link.',
  'join.check.unknown': 'This link does not work. Perhaps it was not copied completely. Ask the person who invited you to send the link again.',
  'join.check.unchecked': 'We cannot check the invitation right now because there is no connection. You can go on. We check the link again when you accept.',
  'join.check.retry': 'Check again',
  'join.check.home': 'Go to the start page',
}
