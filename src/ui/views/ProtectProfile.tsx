import { Show, createSignal } from 'solid-js'
import { t } from '../i18n'
import { protectProfile } from '../client'
import { focusFirstErrorSoon } from '../components/focusFirstError'
import { passphraseProblem, type PassphraseValue, type PassphraseProblem } from '../components/PassphraseFields'
import { DeviceLockFields } from '../components/DeviceLockFields'

/** A device from before the lock: its keys are stored unencrypted until a passphrase is chosen. */
export function ProtectProfile() {
  const [pass, setPass] = createSignal<PassphraseValue>({ passphrase: '', repeat: '' })
  const [shared, setShared] = createSignal(false)
  const [passError, setPassError] = createSignal<PassphraseProblem | null>(null)
  const [error, setError] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)

  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    setError(null)
    const problem = passphraseProblem(pass())
    setPassError(problem)
    if (problem) return focusFirstErrorSoon(e.currentTarget as HTMLFormElement)
    setBusy(true)
    try {
      await protectProfile(pass().passphrase, { sharedComputer: shared() })
    } catch {
      setError(t('error.generic'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section class="panel panel--narrow" aria-labelledby="protect-title">
      <h1 id="protect-title">{t('protect.title')}</h1>
      <p class="lead">{t('protect.intro')}</p>
      <form autocomplete="off" class="form" onSubmit={submit} novalidate>
        <DeviceLockFields prefix="protect" value={pass()} onChange={setPass} problem={passError()} shared={shared()} onShared={setShared} />
        <Show when={error()}>
          <div class="notice notice--error" role="alert">
            {error()}
          </div>
        </Show>
        <button type="submit" class="button" disabled={busy()}>
          {busy() ? t('pass.saving') : t('protect.submit')}
        </button>
      </form>
    </section>
  )
}
