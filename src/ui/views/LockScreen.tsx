import { Show, createSignal, onCleanup, onMount } from 'solid-js'
import { t } from '../i18n'
import { lastLock, loadClient, logout, unlock } from '../client'
import { errorCodeOf } from '../errorCode'
import { FixedUsernameField } from '../components/PassphraseFields'

/** "1 min 05 s" / "12 s": the wait while locked out */
export function formatWait(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const m = Math.floor(total / 60)
  const s = total % 60
  return m > 0 ? t('time.minutesSeconds', { m, s: String(s).padStart(2, '0') }) : t('time.seconds', { s })
}

/** wrong passphrases before the first wait (the keyring's FREE_ATTEMPTS) */
const FREE_ATTEMPTS = 5

export function LockScreen() {
  const [passphrase, setPassphrase] = createSignal('')
  const [show, setShow] = createSignal(false)
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal<string | null>(null)
  /** when the next attempt is allowed (ms since epoch), while locked out */
  const [waitUntil, setWaitUntil] = createSignal(0)
  const [now, setNow] = createSignal(Date.now())
  const [canRetry, setCanRetry] = createSignal(false)
  const [confirmWipe, setConfirmWipe] = createSignal(false)
  let input!: HTMLInputElement

  const remaining = () => Math.max(0, waitUntil() - now())
  const waiting = () => remaining() > 0

  const startWait = (ms: number) => {
    setWaitUntil(Date.now() + ms)
    setNow(Date.now())
    setCanRetry(false)
  }

  // the countdown ticks every second; when it ends, say so once and put the focus back
  const tick = setInterval(() => {
    const wasWaiting = waiting()
    setNow(Date.now())
    if (wasWaiting && !waiting()) {
      setCanRetry(true)
      input?.focus()
    }
  }, 1000)
  onCleanup(() => clearInterval(tick))

  onMount(() => {
    input.focus()
    // a wait from before a reload still applies (none known if the client cannot load: the next try tells)
    void loadClient()
      .then((client) => client.retryAfterMs())
      .catch(() => 0)
      .then((ms) => {
        if (ms <= 0) return
        startWait(ms)
        setError(t('lock.lockedOut'))
      })
  })

  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    if (waiting() || busy()) return
    if (!passphrase()) {
      setError(t('lock.required'))
      return input.focus()
    }
    setBusy(true)
    setError(null)
    setCanRetry(false)
    try {
      await unlock(passphrase())
      setPassphrase('')
    } catch (err) {
      const code = errorCodeOf(err)
      const retryAfterMs = (err as { retryAfterMs?: number }).retryAfterMs ?? 0
      const failures = (err as { failures?: number }).failures ?? 0
      if (code === 'wrong-passphrase') {
        setError(retryAfterMs > 0 ? t('lock.lockedOut') : failures === FREE_ATTEMPTS - 1 ? t('lock.wrongLast') : t('lock.wrong'))
        if (retryAfterMs > 0) startWait(retryAfterMs)
      } else if (code === 'locked-out') {
        setError(t('lock.lockedOut'))
        startWait(retryAfterMs)
      } else setError(t('error.generic'))
      setPassphrase('')
      input.focus()
    } finally {
      setBusy(false)
    }
  }

  const wipe = async () => {
    setBusy(true)
    try {
      await logout(true)
    } catch {
      setError(t('error.generic'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section class="panel panel--narrow lock-screen" aria-labelledby="lock-title">
      <h1 id="lock-title">{t('lock.title')}</h1>
      <Show when={lastLock()}>
        {(last) => (
          <div class="notice notice--info" role="status">
            {last().unsynced > 1 ? t('lock.keptUnsynced', { n: last().unsynced }) : last().unsynced === 1 ? t('lock.keptUnsynced.one') : t('lock.locked')}
          </div>
        )}
      </Show>
      <p class="lead">{t('lock.intro')}</p>
      <form autocomplete="off" class="form" onSubmit={submit} novalidate aria-busy={busy() ? 'true' : undefined}>
        <FixedUsernameField />
        <div class="field">
          <label for="unlock-passphrase" class="field__label">
            {t('lock.passphrase')}
          </label>
          <div id="unlock-feedback" aria-live="assertive" aria-atomic="true">
            <Show when={error()}>
              <p id="unlock-error" class="field__error">
                {error()}
              </p>
            </Show>
          </div>
          <input
            id="unlock-passphrase"
            ref={input}
            type={show() ? 'text' : 'password'}
            class="input"
            autocomplete="current-password"
            required
            aria-invalid={error() && !waiting() ? 'true' : undefined}
            aria-describedby={error() ? 'unlock-error unlock-wait' : 'unlock-wait'}
            value={passphrase()}
            onInput={(e) => setPassphrase(e.currentTarget.value)}
          />
          <div class="field--check field--inline">
            <input id="unlock-show" type="checkbox" checked={show()} onChange={(e) => setShow(e.currentTarget.checked)} />
            <label for="unlock-show">{t('lock.show')}</label>
          </div>
        </div>
        {/* a timer is not announced every second; the end of the wait is, once */}
        <p id="unlock-wait" class="lock-screen__wait" role="timer" aria-live="off">
          <Show when={waiting()}>{t('lock.wait', { time: formatWait(remaining()) })}</Show>
        </p>
        <p class="visually-hidden" role="status">
          {canRetry() ? t('lock.canRetry') : ''}
        </p>
        <button type="submit" class="button" disabled={busy() || waiting()}>
          {busy() ? t('lock.unlocking') : t('lock.unlock')}
        </button>
        <Show when={busy()}>
          <p class="muted" role="status">
            {t('lock.unlocking')}
          </p>
        </Show>
      </form>
      <details class="lock-screen__forgot">
        <summary>{t('lock.forgot')}</summary>
        <p>{t('lock.forgotText')}</p>
        <Show
          when={confirmWipe()}
          fallback={
            <button type="button" class="button button--secondary" onClick={() => setConfirmWipe(true)}>
              {t('lock.wipe')}
            </button>
          }
        >
          <p role="alert">{t('lock.wipeSure')}</p>
          <div class="actions">
            <button type="button" class="button button--danger" onClick={wipe} disabled={busy()}>
              {t('lock.wipeConfirm')}
            </button>
            <button type="button" class="button button--secondary" onClick={() => setConfirmWipe(false)}>
              {t('lock.cancel')}
            </button>
          </div>
        </Show>
      </details>
    </section>
  )
}
