import { Match, Show, Switch, createResource, createSignal } from 'solid-js'
import type { DeviceLinkPreview } from '../../access/types'
import { formatDateTime, t } from '../i18n'
import { tDevices } from '../i18n/devices'
import { createProfile, loadClient } from '../client'
import { errorCodeOf } from '../errorCode'
import { passphraseProblem, type PassphraseValue } from '../components/PassphraseFields'
import { DeviceLockFields } from '../components/DeviceLockFields'
import { startLinkingAfterProfile } from './linkStart'

/**
 * First run from a device link: this device takes the person's name from the link and gets a
 * passphrase of its own; then the linking starts by itself (LinkDevice).
 */
export function DeviceWelcome(props: { payload: string }) {
  const link = () => `${location.origin}/#/koppel/${props.payload}`
  const [preview] = createResource(async (): Promise<DeviceLinkPreview> => (await loadClient()).previewDeviceLink(link()))
  const [name, setName] = createSignal<string | null>(null)
  const [pass, setPass] = createSignal<PassphraseValue>({ passphrase: '', repeat: '' })
  const [shared, setShared] = createSignal(false)
  const [passError, setPassError] = createSignal<string | null>(null)
  const [nameError, setNameError] = createSignal<string | null>(null)
  const [error, setError] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)
  const currentName = () => name() ?? preview()?.name ?? ''

  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    setError(null)
    setNameError(currentName().trim() ? null : t('welcome.nameRequired'))
    const problem = passphraseProblem(pass())
    setPassError(problem ? t(problem) : null)
    if (nameError()) return document.getElementById('link-name')?.focus()
    if (problem) return document.getElementById('link-pass-new')?.focus()
    setBusy(true)
    try {
      startLinkingAfterProfile()
      await createProfile(currentName(), pass().passphrase, { sharedComputer: shared() })
    } catch (err) {
      setError(errorCodeOf(err) === 'passphrase-too-short' ? t('pass.tooShort') : t('error.generic'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section class="panel panel--narrow" aria-labelledby="link-title">
      <h1 id="link-title">{tDevices('link.title')}</h1>
      <Switch>
        <Match when={preview.loading}>
          <p class="muted">{t('app.loading')}</p>
        </Match>
        <Match when={preview.error}>
          <div class="notice notice--error" role="alert">
            {tDevices('link.invalid')}
          </div>
        </Match>
        <Match when={preview() && preview()!.expiresAt <= Date.now()}>
          <div class="notice notice--error" role="alert">
            {tDevices('link.expired')}
          </div>
        </Match>
        <Match when={preview()}>
          {(p) => (
            <>
              <p class="lead">{tDevices('link.intro', { name: p().name })}</p>
              <p>
                {tDevices('link.plans', { n: p().planIds.length })}. {tDevices('link.expiresAt', { date: formatDateTime(p().expiresAt) })}
              </p>
              <form autocomplete="off" class="form" onSubmit={submit} novalidate>
                <div class="field">
                  <label for="link-name" class="field__label">
                    {tDevices('link.nameLabel')}
                  </label>
                  <p id="link-name-hint" class="field__hint">
                    {tDevices('link.nameHint')}
                  </p>
                  <Show when={nameError()}>
                    <p id="link-name-error" class="field__error" role="alert">
                      {nameError()}
                    </p>
                  </Show>
                  <input
                    id="link-name"
                    class="input"
                    // the name is shared with the plan's team: off, so it is neither an autofill entry nor a
                    // saved username (RULES.md D1); PassphraseFields gives the password manager a fixed one
                    autocomplete="off"
                    maxlength="80"
                    required
                    aria-invalid={nameError() ? 'true' : undefined}
                    aria-describedby={nameError() ? 'link-name-hint link-name-error' : 'link-name-hint'}
                    value={currentName()}
                    onInput={(e) => setName(e.currentTarget.value)}
                  />
                </div>
                <p>{tDevices('link.passIntro')}</p>
                <DeviceLockFields prefix="link" value={pass()} onChange={setPass} error={passError()} shared={shared()} onShared={setShared} />
                <Show when={error()}>
                  <div class="notice notice--error" role="alert">
                    {error()}
                  </div>
                </Show>
                <button type="submit" class="button" disabled={busy()} aria-busy={busy() ? 'true' : undefined}>
                  {busy() ? t('pass.saving') : tDevices('link.submit')}
                </button>
              </form>
            </>
          )}
        </Match>
      </Switch>
    </section>
  )
}
