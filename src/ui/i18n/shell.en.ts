import type { ShellMessages } from './shell.nl'

/** English strings of the app shell: its frame, the roles, the sync status, the generic error. */
export const shellEn: ShellMessages = {
  'app.name': 'Samenplan',
  'app.tagline': 'One child, one plan',
  'app.skip': 'Skip to content',
  'app.loading': 'Loading…',
  'app.loadFailed': 'Samenplan could not start. Reload the page; what is on this device is kept.',
  'app.footer': 'Everything is encrypted on your device. The server cannot read the plans.',

  'app.settings': 'Settings',
  'app.lock': 'Lock',
  'a11y.link': 'Accessibility',
  'a11y.back': '← Back',

  'lang.label': 'Language',
  'lang.nl': 'Nederlands',
  'lang.en': 'English',

  'role.reader': 'Read along (reader)',
  'role.contributor': 'Write along (contributor)',
  'role.editor': 'Edit (editor)',
  'role.admin': 'Manage (administrator)',
  'role.reader.help': 'Can read the plan but not change it.',
  'role.contributor.help': 'Can write their own contributions, such as observations and their own voice.',
  'role.editor.help': 'Can edit the whole plan.',
  'role.admin.help': 'Can edit everything and invite or remove people.',
  'role.yours': 'Your role: {role}',

  'status.saved-local': 'Saved on this device · offline',
  'status.connecting': 'Connecting…',
  'status.pending': 'Not sent yet ({n})',
  'status.synced': 'Up to date',
  'status.rejected':
    '{n} changes by others were not taken over. They were not signed properly, or the writer was not allowed to make them. Your own text was not touched.',
  'status.rejected.one':
    '1 change by someone else was not taken over. It was not signed properly, or the writer was not allowed to make it. Your own text was not touched.',
  'status.incomplete': 'Possibly incomplete',
  'status.incompleteWho':
    'There are changes by {names} this device has not received (since {time}). The server may be holding them back; this device keeps asking for them.',
  'status.forked': 'Warning: the server does not show everyone the same plan (proven: {n}×). Compare the plan code in the team view with the others.',
  'status.error': 'Updating is not working',
  'status.errorHelp': 'The server refuses the connection ({code}). Everything you wrote is safe on this device; nothing is lost.',
  'status.planQuota':
    "This plan has grown too large for the server ({code}). Everything you wrote is safe on this device; ask the server's operator for more room.",
  'status.keyQuota': 'You sent too much to the server in a short time ({code}). Everything you wrote is safe on this device; try again in an hour.',
  'status.closeStale':
    'The plan was not closed: someone wrote in it at the same moment. This device can no longer update the plan; what you wrote is still here. Close the plan on another device or in another browser.',
  'status.planClosed': 'This plan has been closed meanwhile. What you wrote here after it was closed cannot be added; it is still on this device.',
  'status.lastSynced': 'Last updated at {time}',
  'status.waiting': '{n} changes not sent yet',
  'status.waiting.one': '1 change not sent yet',
  'status.attachmentsWaiting': '{n} attachments not sent yet',
  'status.attachmentsWaiting.one': '1 attachment not sent yet',
  'status.lastSyncedOn': 'Last updated on {time}',
  'status.neverSynced': 'Not updated yet',

  'error.generic': 'Something went wrong. Please try again.',
  'error.retry': 'Try again',
}
