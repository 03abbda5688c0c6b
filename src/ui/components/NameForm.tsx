import { Show, createSignal, type JSX } from 'solid-js'
import { t } from '../i18n'
import { errorCodeOf } from '../errorCode'
import { DeviceLockFields } from './DeviceLockFields'
import { TextField } from './Field'
import { focusFirstErrorSoon } from './focusFirstError'
import { passphraseProblem, type PassphraseValue, type PassphraseProblem } from './PassphraseFields'

export interface NewProfile {
  name: string
  passphrase: string
  sharedComputer: boolean
}

/**
 * The first run of a device: the person's name, a passphrase (twice) and whether this is a shared
 * computer; checked here, then handed to `create`, which makes the profile. Welcome (a new person)
 * and DeviceWelcome (a person's next device, the name from the link) differ only in their words,
 * what stands between the name and the passphrase (`children`), and what `create` does around it.
 * Ids are `<prefix>-name`, `<prefix>-pass…` and `<prefix>-shared`.
 */
export function NameForm(props: {
  prefix: string
  nameLabel: string
  nameHint: string
  initialName?: string
  submitLabel: string
  create: (profile: NewProfile) => Promise<unknown>
  children?: JSX.Element
}) {
  const nameId = `${props.prefix}-name`
  const [name, setName] = createSignal(props.initialName ?? '')
  const [pass, setPass] = createSignal<PassphraseValue>({ passphrase: '', repeat: '' })
  const [shared, setShared] = createSignal(false)
  const [nameError, setNameError] = createSignal<string | null>(null)
  const [passError, setPassError] = createSignal<PassphraseProblem | null>(null)
  const [error, setError] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)

  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    setError(null)
    setNameError(name().trim() ? null : t('welcome.nameRequired'))
    const problem = passphraseProblem(pass())
    setPassError(problem)
    // the first field in error: the name, the passphrase, or its repetition when only that differs
    if (nameError() || problem) return focusFirstErrorSoon(e.currentTarget as HTMLFormElement)
    setBusy(true)
    try {
      await props.create({ name: name(), passphrase: pass().passphrase, sharedComputer: shared() })
    } catch (err) {
      setError(errorCodeOf(err) === 'passphrase-too-short' ? t('pass.tooShort') : t('error.generic'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form autocomplete="off" class="form" onSubmit={submit} novalidate>
      {/* the name is shared with the plan's team: autocomplete off (TextField), so it is neither an
          autofill entry nor a saved username (RULES.md D1); PassphraseFields gives the password
          manager a fixed one */}
      <TextField
        id={nameId}
        name="name"
        label={props.nameLabel}
        hint={props.nameHint}
        error={nameError()}
        announceError
        maxLength={80}
        required
        value={name()}
        onInput={setName}
      />
      {props.children}
      <DeviceLockFields prefix={props.prefix} value={pass()} onChange={setPass} problem={passError()} shared={shared()} onShared={setShared} />
      <Show when={error()}>
        <div class="notice notice--error" role="alert">
          {error()}
        </div>
      </Show>
      <button type="submit" class="button" disabled={busy()} aria-busy={busy() ? 'true' : undefined}>
        {busy() ? t('pass.saving') : props.submitLabel}
      </button>
    </form>
  )
}
