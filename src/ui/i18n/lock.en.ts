import type { LockMessages } from './lock.nl'

/** English strings of the lock screen, choosing a passphrase, the shared-computer choice and protecting a profile. */
export const lockEn: LockMessages = {
  'lock.title': 'Samenplan is locked',
  'lock.intro': 'Enter your password to open your plans.',
  'lock.passphrase': 'Password',
  'lock.show': 'Show password',
  'lock.unlock': 'Unlock',
  'lock.unlocking': 'Unlocking…',
  'lock.required': 'Enter your password.',
  'lock.wrong': 'This password is not right. Try again.',
  'lock.wrongLast': 'This password is not right. After one more mistake you will have to wait a moment.',
  'lock.lockedOut': 'You entered a wrong password too often. Wait a moment, then try again.',
  'lock.wait': 'You can try again in {time}.',
  'lock.canRetry': 'You can try again now.',
  'lock.locked': 'Samenplan is locked. Your plans are closed.',
  'lock.keptUnsynced':
    'There were still {n} changes that had not been sent. They are kept encrypted on this computer. Unlock, wait until everything has been sent, then log out.',
  'lock.keptUnsynced.one':
    'There was still 1 change that had not been sent. It is kept encrypted on this computer. Unlock, wait until everything has been sent, then log out.',
  'lock.wiped': 'Everything of Samenplan has been deleted from this computer.',
  'lock.forgot': 'Forgot your password?',
  'lock.forgotText':
    'Nobody can recover your password, not even us. The plan is not lost: the others in the plan still have it. Clear this device and ask an admin of the plan for a new invitation. Anything not yet sent will be lost.',
  'lock.wipe': 'Delete everything from this device',
  'lock.wipeConfirm': 'Yes, delete everything',
  'lock.wipeSure': 'Are you sure? Your profile and the plans on this device will be deleted.',
  'lock.cancel': 'Cancel',

  'time.minutesSeconds': '{m} min {s} s',
  'time.seconds': '{s} s',

  'pass.new': 'Choose a password',
  'pass.repeat': 'Repeat the password',
  'pass.hint': 'At least 8 characters. Tip: use four separate words, like "bike cloud apple train". That is strong and easy to remember.',
  'pass.noRecovery':
    'There is no recovery if you forget the password. The others in the plan keep the plan, but this device will then have to be invited again. Write the password down somewhere safe.',
  'pass.strength': 'Strength: {level}',
  'pass.strength.too-short': 'too short',
  'pass.strength.weak': 'weak',
  'pass.strength.fair': 'fair',
  'pass.strength.strong': 'strong',
  'pass.tooShort': 'The password must have at least 8 characters.',
  'pass.mismatch': 'The two passwords are not the same.',
  'pass.saving': 'Securing…',

  'shared.label': 'This is a shared computer',
  'shared.hint':
    'For example at school or in the library. After locking or logging out, nothing of Samenplan stays on this computer. Anything not sent by then is lost. To open the plan here again later, you need a new invitation.',

  'protect.title': 'Protect Samenplan with a password',
  'protect.intro': 'Samenplan now protects your plans on this device with a password. Choose one to continue. Your plans stay on this device.',
  'protect.submit': 'Set password',
}
