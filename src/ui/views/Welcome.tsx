import { Show, createSignal } from 'solid-js'
import { t } from '../i18n'
import { createProfile, lastLock } from '../client'
import { navigate, route } from '../router'
import { errorCodeOf } from '../errorCode'
import { passphraseProblem, type PassphraseValue } from '../components/PassphraseFields'
import { DeviceLockFields } from '../components/DeviceLockFields'

/** First run: a name, a passphrase (twice) and whether this is a shared computer. */
export function Welcome() {
  const [name, setName] = createSignal('')
  const [pass, setPass] = createSignal<PassphraseValue>({ passphrase: '', repeat: '' })
  const [shared, setShared] = createSignal(false)
  const [nameError, setNameError] = createSignal<string | null>(null)
  const [passError, setPassError] = createSignal<string | null>(null)
  const [error, setError] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)
  let nameInput!: HTMLInputElement

  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    setError(null)
    setNameError(name().trim() ? null : t('welcome.nameRequired'))
    const problem = passphraseProblem(pass())
    setPassError(problem ? t(problem) : null)
    if (nameError()) return nameInput.focus()
    if (problem) return document.getElementById('profile-pass-new')?.focus()
    setBusy(true)
    try {
      await createProfile(name(), pass().passphrase, { sharedComputer: shared() })
      // the page asked for stays (an invite link goes on to the invite); the welcome page goes home
      if (route().name === 'welcome') navigate({ name: 'home' }, { replace: true })
    } catch (err) {
      setError(errorCodeOf(err) === 'passphrase-too-short' ? t('pass.tooShort') : t('error.generic'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section class="panel panel--narrow" aria-labelledby="welcome-title">
      <Show when={lastLock()?.wiped}>
        <div class="notice notice--info" role="status">
          {t('lock.wiped')}
        </div>
      </Show>
      <h1 id="welcome-title">{t('welcome.title')}</h1>
      <p class="lead">{t('welcome.intro')}</p>
      <form autocomplete="off" class="form" onSubmit={submit} novalidate>
        <div class="field">
          <label for="profile-name" class="field__label">
            {t('welcome.nameLabel')}
          </label>
          <p id="profile-name-hint" class="field__hint">
            {t('welcome.nameHint')}
          </p>
          <Show when={nameError()}>
            <p id="profile-name-error" class="field__error" role="alert">
              {nameError()}
            </p>
          </Show>
          <input
            id="profile-name"
            ref={nameInput}
            name="name"
            class="input"
            // the name is shared with the plan's team: off, so it is neither an autofill entry nor a
            // saved username (RULES.md D1); PassphraseFields gives the password manager a fixed one
            autocomplete="off"
            maxlength="80"
            required
            aria-invalid={nameError() ? 'true' : undefined}
            aria-describedby={nameError() ? 'profile-name-hint profile-name-error' : 'profile-name-hint'}
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </div>
        <DeviceLockFields prefix="profile" value={pass()} onChange={setPass} error={passError()} shared={shared()} onShared={setShared} />
        <Show when={error()}>
          <div class="notice notice--error" role="alert">
            {error()}
          </div>
        </Show>
        <button type="submit" class="button" disabled={busy()} aria-busy={busy() ? 'true' : undefined}>
          {busy() ? t('pass.saving') : t('welcome.submit')}
        </button>
      </form>
    </section>
  )
}
