import { Show, createMemo } from 'solid-js'
import { t, type MessageKey } from '../i18n'
import { MIN_LENGTH, passphraseStrength } from '../passphraseStrength'

export interface PassphraseValue {
  passphrase: string
  repeat: string
}

/** Checks a new passphrase and its repetition; null when it may be used, else the message key. */
export function passphraseProblem(v: PassphraseValue): MessageKey | null {
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

/** A new passphrase, twice, with a strength hint that updates as one types (announced politely). */
export function PassphraseFields(props: {
  id: string
  value: PassphraseValue
  onChange: (v: PassphraseValue) => void
  error: string | null
  newLabel?: string
  repeatLabel?: string
}) {
  const strength = createMemo(() => passphraseStrength(props.value.passphrase))
  const hintId = `${props.id}-hint`
  const strengthId = `${props.id}-strength`
  const errorId = `${props.id}-error`
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
        <Show when={props.error}>
          <p id={errorId} class="field__error" role="alert">
            {props.error}
          </p>
        </Show>
        <input
          id={`${props.id}-new`}
          type="password"
          class="input"
          autocomplete="new-password"
          required
          minlength={MIN_LENGTH}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={[hintId, strengthId, props.error ? errorId : ''].filter(Boolean).join(' ')}
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
        <input
          id={`${props.id}-repeat`}
          type="password"
          class="input"
          autocomplete="new-password"
          required
          value={props.value.repeat}
          onInput={(e) => props.onChange({ ...props.value, repeat: e.currentTarget.value })}
        />
      </div>
    </>
  )
}
