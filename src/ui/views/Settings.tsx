import { For, Show, createResource, createSignal } from 'solid-js'
import type { LockSettings } from '../../access/types'
import { t } from '../i18n'
import { changePassphrase, loadClient, lockSettings, logout, updateLockSettings } from '../client'
import { errorCodeOf } from '../errorCode'
import { focusFirstErrorSoon } from '../components/focusFirstError'
import { FormError } from '../components/FormFooter'
import { PassphraseFields, passphraseProblem, type PassphraseValue, type PassphraseProblem } from '../components/PassphraseFields'
import { PushSettings } from '../pwa/PushSettings'
import { StorageStatus } from '../pwa/StorageStatus'
import { InstallGuide } from '../pwa/InstallGuide'
import { PlanTransfer } from '../pwa/PlanTransfer'
import { MyDevices } from '../devices/MyDevices'

const AUTO_LOCK_CHOICES = [5, 15, 30, 60, 120, 240]

function minutesLabel(n: number): string {
  if (n === 60) return t('settings.hour')
  if (n > 60 && n % 60 === 0) return t('settings.hours', { n: n / 60 })
  return t('settings.minutes', { n })
}

export function Settings() {
  const [settings, { mutate }] = createResource<LockSettings>(() => lockSettings())
  const [saved, setSaved] = createSignal<string | null>(null)
  const [saveError, setSaveError] = createSignal<string | null>(null)

  const save = async (changes: Partial<LockSettings>) => {
    setSaved(null)
    setSaveError(null)
    try {
      mutate(await updateLockSettings(changes))
      setSaved(t('settings.saved'))
    } catch {
      setSaveError(t('error.generic'))
    }
  }

  // change passphrase
  const [current, setCurrent] = createSignal('')
  const [next, setNext] = createSignal<PassphraseValue>({ passphrase: '', repeat: '' })
  const [passError, setPassError] = createSignal<PassphraseProblem | null>(null)
  const [changeError, setChangeError] = createSignal<string | null>(null)
  /** what is wrong with the current passphrase: shown on its field */
  const [currentError, setCurrentError] = createSignal<string | null>(null)
  const [changed, setChanged] = createSignal(false)
  const [changing, setChanging] = createSignal(false)

  const change = async (e: SubmitEvent) => {
    e.preventDefault()
    const form = e.currentTarget as HTMLFormElement
    setChanged(false)
    setChangeError(null)
    const problem = passphraseProblem(next())
    setPassError(problem)
    setCurrentError(current() ? null : t('lock.required'))
    if (currentError() || problem) return focusFirstErrorSoon(form)
    setChanging(true)
    try {
      await changePassphrase(current(), next().passphrase)
      setChanged(true)
      setCurrent('')
      setNext({ passphrase: '', repeat: '' })
    } catch (err) {
      const code = errorCodeOf(err)
      if (code === 'wrong-passphrase' || code === 'locked-out') setCurrentError(code === 'wrong-passphrase' ? t('lock.wrong') : t('lock.lockedOut'))
      else setChangeError(t('error.generic'))
      focusFirstErrorSoon(form)
    } finally {
      setChanging(false)
    }
  }

  // logout: refused while changes are unsynced, unless the person confirms
  const [unsynced, setUnsynced] = createSignal(0)
  const [logoutError, setLogoutError] = createSignal<string | null>(null)
  const [loggingOut, setLoggingOut] = createSignal(false)
  const doLogout = async (discard: boolean) => {
    setLogoutError(null)
    setLoggingOut(true)
    try {
      const pending = discard ? 0 : await (await loadClient()).unsyncedChanges()
      if (pending > 0) return setUnsynced(pending)
      await logout(discard)
    } catch (err) {
      const pending = (err as { pending?: number }).pending
      if (errorCodeOf(err) === 'unsynced-changes' && pending) setUnsynced(pending)
      else setLogoutError(t('error.generic'))
    } finally {
      setLoggingOut(false)
    }
  }

  return (
    <section aria-labelledby="settings-title" class="settings">
      <p class="plan__back">
        <a href="#/">{t('settings.back')}</a>
      </p>
      <h1 id="settings-title" class="utrecht-heading-1">
        {t('settings.title')}
      </h1>

      <Show when={settings()}>
        {(s) => (
          <section class="panel form" aria-labelledby="settings-lock-title">
            <h2 id="settings-lock-title" class="utrecht-heading-2">
              {t('settings.lockTitle')}
            </h2>
            <div class="field utrecht-form-field">
              <label for="settings-autolock" class="field__label utrecht-form-label">
                {t('settings.autoLock')}
              </label>
              <p id="settings-autolock-hint" class="field__hint">
                {t('settings.autoLockHint')}
              </p>
              <select
                id="settings-autolock"
                class="input"
                aria-describedby="settings-autolock-hint"
                value={String(s().autoLockMinutes)}
                onChange={(e) => void save({ autoLockMinutes: Number(e.currentTarget.value) })}
              >
                <For each={[...new Set([...AUTO_LOCK_CHOICES, s().autoLockMinutes])].sort((a, b) => a - b)}>
                  {(n) => <option value={String(n)}>{minutesLabel(n)}</option>}
                </For>
              </select>
            </div>
            <div class="field field--check">
              <input
                id="settings-shared"
                type="checkbox"
                checked={s().sharedComputer}
                aria-describedby="settings-shared-hint"
                onChange={(e) => void save({ sharedComputer: e.currentTarget.checked })}
              />
              <label for="settings-shared">{t('shared.label')}</label>
              <p id="settings-shared-hint" class="field__hint">
                {t('shared.hint')}
              </p>
            </div>
            <p role="status" class="muted">
              {saved() ?? ''}
            </p>
            <Show when={saveError()}>
              <p class="field__error" role="alert">
                {saveError()}
              </p>
            </Show>
          </section>
        )}
      </Show>

      <form autocomplete="off" class="panel form" onSubmit={change} novalidate aria-labelledby="settings-pass-title">
        <h2 id="settings-pass-title" class="utrecht-heading-2">
          {t('settings.passTitle')}
        </h2>
        <div class="field utrecht-form-field">
          <label for="settings-current" class="field__label utrecht-form-label">
            {t('settings.current')}
          </label>
          <Show when={currentError()}>
            <p id="settings-current-error" class="field__error utrecht-form-field-error-message" role="alert">
              {currentError()}
            </p>
          </Show>
          <input
            id="settings-current"
            type="password"
            class="input"
            autocomplete="current-password"
            aria-invalid={currentError() ? 'true' : undefined}
            aria-describedby={currentError() ? 'settings-current-error' : undefined}
            value={current()}
            onInput={(e) => setCurrent(e.currentTarget.value)}
          />
        </div>
        <PassphraseFields
          id="settings-pass"
          value={next()}
          onChange={setNext}
          problem={passError()}
          newLabel={t('settings.newPass')}
          repeatLabel={t('settings.repeatPass')}
        />
        <FormError message={changeError()} />
        <p role="status" class="muted">
          {changed() ? t('settings.changed') : ''}
        </p>
        <button type="submit" class="button utrecht-button utrecht-button--primary-action utrecht-button--submit" disabled={changing()}>
          {changing() ? t('settings.changing') : t('settings.change')}
        </button>
      </form>

      <StorageStatus />
      <PushSettings />
      <InstallGuide />
      <PlanTransfer />
      <MyDevices />

      <section class="panel form" aria-labelledby="settings-device-title">
        <h2 id="settings-device-title" class="utrecht-heading-2">
          {t('settings.deviceTitle')}
        </h2>
        <p class="field__hint">{t('settings.logoutHint')}</p>
        <Show
          when={unsynced() > 0}
          fallback={
            <button
              type="button"
              class="button button--secondary utrecht-button utrecht-button--secondary-action"
              onClick={() => void doLogout(false)}
              disabled={loggingOut()}
            >
              {t('settings.logout')}
            </button>
          }
        >
          <div class="notice notice--warning utrecht-alert utrecht-alert--warning" role="alert">
            <p>{unsynced() === 1 ? t('settings.unsynced.one') : t('settings.unsynced', { n: unsynced() })}</p>
          </div>
          <div class="actions">
            <button
              type="button"
              class="button button--danger utrecht-button utrecht-button--primary-action utrecht-button--danger"
              onClick={() => void doLogout(true)}
              disabled={loggingOut()}
            >
              {t('settings.logoutAnyway')}
            </button>
            <button type="button" class="button button--secondary utrecht-button utrecht-button--secondary-action" onClick={() => setUnsynced(0)}>
              {t('lock.cancel')}
            </button>
          </div>
        </Show>
        <Show when={logoutError()}>
          <p class="field__error" role="alert">
            {logoutError()}
          </p>
        </Show>
      </section>
    </section>
  )
}
