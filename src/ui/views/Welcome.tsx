import { Show, createSignal } from 'solid-js'
import { t } from '../i18n'
import { createProfile, profile } from '../client'
import { navigate, takeAfterWelcome } from '../router'

export function Welcome() {
  const [name, setName] = createSignal(profile()?.name ?? '')
  const [error, setError] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)

  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    if (!name().trim()) return setError(t('welcome.nameRequired'))
    setBusy(true)
    setError(null)
    try {
      await createProfile(name())
      navigate(takeAfterWelcome(), { replace: true })
    } catch {
      setError(t('error.generic'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section class="panel panel--narrow" aria-labelledby="welcome-title">
      <h1 id="welcome-title">{t('welcome.title')}</h1>
      <p class="lead">{t('welcome.intro')}</p>
      <form class="form" onSubmit={submit} novalidate>
        <div class="field">
          <label for="profile-name" class="field__label">
            {t('welcome.nameLabel')}
          </label>
          <p id="profile-name-hint" class="field__hint">
            {t('welcome.nameHint')}
          </p>
          <Show when={error()}>
            <p id="profile-name-error" class="field__error" role="alert">
              {error()}
            </p>
          </Show>
          <input
            id="profile-name"
            name="name"
            class="input"
            autocomplete="name"
            maxlength="80"
            required
            aria-invalid={error() ? 'true' : undefined}
            aria-describedby={error() ? 'profile-name-hint profile-name-error' : 'profile-name-hint'}
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </div>
        <button type="submit" class="button" disabled={busy()}>
          {t('welcome.submit')}
        </button>
      </form>
    </section>
  )
}
