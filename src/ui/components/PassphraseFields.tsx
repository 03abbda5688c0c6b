import { Show, createMemo } from 'solid-js'
import { t, type MessageKey } from '../i18n'
import { MIN_LENGTH, passphraseStrength } from '../passphraseStrength'

export interface PassphraseValue {
  passphrase: string
  repeat: string
}

/** What can be wrong with a new passphrase: too short (said on the first field) or not repeated the same (on the second). */
export type PassphraseProblem = Extract<MessageKey, 'pass.tooShort' | 'pass.mismatch'>

/** Checks a new passphrase and its repetition; null when it may be used, else the message key. */
export function passphraseProblem(v: PassphraseValue): PassphraseProblem | null {
  if (v.passphrase.normalize('NFC').length < MIN_LENGTH) return 'pass.tooShort'
  if (v.passphrase !== v.repeat) return 'pass.mismatch'
  return null
}

/**
 * The username Chromium's password manager keeps with a passphrase (in `Login Data`, also when the
 * passphrase is not saved). Without a field marked `username` it takes the text field before the
 * password, here a person's name; this one is always the same word, so no name is stored.
 */
export const PASSWORD_MANAGER_USERNAME = 'samenplan'

/**
 * A field the password manager reads as the username, never shown or focused; put it in every
 * form with a passphrase field, before it (RULES.md D1).
 */
export function FixedUsernameField() {
  return <input type="text" name="username" autocomplete="username" value={PASSWORD_MANAGER_USERNAME} readonly hidden tabindex="-1" />
}

/**
 * A new passphrase, twice, with a strength hint that updates as one types (announced politely).
 * A problem shows on the field it is about: too short on the first, a repetition that differs on
 * the second; that field is aria-invalid and described by the message (focusFirstError finds it).
 */
export function PassphraseFields(props: {
  id: string
  value: PassphraseValue
  onChange: (v: PassphraseValue) => void
  problem: PassphraseProblem | null
  newLabel?: string
  repeatLabel?: string
}) {
  const strength = createMemo(() => passphraseStrength(props.value.passphrase))
  const hintId = `${props.id}-hint`
  const strengthId = `${props.id}-strength`
  const errorId = `${props.id}-error`
  const repeatErrorId = `${props.id}-repeat-error`
  const newError = () => (props.problem && props.problem !== 'pass.mismatch' ? t(props.problem) : null)
  const repeatError = () => (props.problem === 'pass.mismatch' ? t(props.problem) : null)
  return (
    <>
      <FixedUsernameField />
      <div class="field">
        <label for={`${props.id}-new`} class="field__label">
          {props.newLabel ?? t('pass.new')}
        </label>
        <p id={hintId} class="field__hint">
          {t('pass.hint')}
        </p>
        <Show when={newError()}>
          <p id={errorId} class="field__error utrecht-form-field-error-message" role="alert">
            {newError()}
          </p>
        </Show>
        <input
          id={`${props.id}-new`}
          type="password"
          class="input"
          autocomplete="new-password"
          required
          minlength={MIN_LENGTH}
          aria-invalid={newError() ? 'true' : undefined}
          aria-describedby={[newError() ? errorId : '', hintId, strengthId].filter(Boolean).join(' ')}
          value={props.value.passphrase}
          onInput={(e) => props.onChange({ ...props.value, passphrase: e.currentTarget.value })}
        />
        <p id={strengthId} class={`strength strength--${strength()}`} aria-live="polite">
          <Show when={props.value.passphrase.length > 0}>
            <span class="strength__bar" aria-hidden="true" />
            {t('pass.strength', { level: t(`pass.strength.${strength()}`) })}
          </Show>
        </p>
      </div>
      <div class="field">
        <label for={`${props.id}-repeat`} class="field__label">
          {props.repeatLabel ?? t('pass.repeat')}
        </label>
        <Show when={repeatError()}>
          <p id={repeatErrorId} class="field__error utrecht-form-field-error-message" role="alert">
            {repeatError()}
          </p>
        </Show>
        <input
          id={`${props.id}-repeat`}
          type="password"
          class="input"
          autocomplete="new-password"
          required
          aria-invalid={repeatError() ? 'true' : undefined}
          aria-describedby={repeatError() ? repeatErrorId : undefined}
          value={props.value.repeat}
          onInput={(e) => props.onChange({ ...props.value, repeat: e.currentTarget.value })}
        />
      </div>
    </>
  )
}
