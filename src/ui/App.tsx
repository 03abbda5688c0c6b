import { Match, Show, Switch, createEffect, createMemo, createResource, createSignal, lazy, onCleanup, onMount } from 'solid-js'
import { t } from './i18n'
import { LanguageSwitch } from './components/LanguageSwitch'
import { lockNow, lockSettings, lockState, profile, refreshProfile } from './client'
import { startIdleLock } from './idleLock'
import { route } from './router'
import { updateReady } from './serviceWorker'
import { Home } from './views/Home'
import { Welcome } from './views/Welcome'
import { Join } from './views/Join'
import { LockScreen } from './views/LockScreen'
import { ProtectProfile } from './views/ProtectProfile'
import { Settings } from './views/Settings'
import { DeviceWelcome } from './devices/DeviceWelcome'
import { LinkDevice } from './devices/LinkDevice'

// the plan view brings Quill and the editors: loaded only when a plan is opened
const PlanView = lazy(() => import('./views/PlanView'))

export function App() {
  let main!: HTMLElement
  const [started] = createResource(async () => refreshProfile())
  const planRoute = createMemo(() => {
    const r = route()
    return r.name === 'plan' ? r : null
  })
  const joinRoute = createMemo(() => {
    const r = route()
    return r.name === 'join' ? r : null
  })
  const deviceLinkRoute = createMemo(() => {
    const r = route()
    return r.name === 'device-link' ? r : null
  })

  // The lock decides what shows: first run (a name and a passphrase), a keyring from before the
  // lock (choose a passphrase), the lock screen, or the page asked for. The route stays as it is,
  // so an invite link or a plan opens once the device is unlocked.
  const unlocked = () => lockState() === 'unlocked'

  // auto-lock after inactivity, only while unlocked; the setting is read at every check
  const [autoLockMinutes, setAutoLockMinutes] = createSignal(15)
  createEffect(() => {
    if (!unlocked()) return
    void lockSettings().then((s) => setAutoLockMinutes(s.autoLockMinutes))
    const stop = startIdleLock({ minutes: autoLockMinutes, onIdle: () => void lockNow() })
    onCleanup(stop)
  })
  // the settings page may change it: re-read on every navigation
  createEffect(() => {
    route()
    if (unlocked()) void lockSettings().then((s) => setAutoLockMinutes(s.autoLockMinutes))
  })

  // the lock screen and first-run forms take the focus when they appear
  createEffect(() => {
    const state = lockState()
    if (state && state !== 'unlocked') queueMicrotask(() => main?.querySelector<HTMLInputElement>('input')?.focus())
  })

  const [locking, setLocking] = createSignal(false)
  const lock = async () => {
    setLocking(true)
    try {
      await lockNow()
    } finally {
      setLocking(false)
    }
  }

  // move focus to the new page's content on navigation, for keyboard and screen reader users
  let first = true
  createEffect(() => {
    route()
    if (first) return void (first = false)
    queueMicrotask(() => main?.focus({ preventScroll: false }))
  })

  const skip = (e: MouseEvent) => {
    e.preventDefault()
    main.focus()
  }

  onMount(() => document.documentElement.setAttribute('lang', document.documentElement.lang || 'nl'))

  return (
    <>
      <a class="skip-link" href="#main" onClick={skip}>
        {t('app.skip')}
      </a>
      <header class="site-header">
        <div class="container site-header__inner">
          <a class="brand" href="#/">
            <img src="/icon.svg" alt="" width="36" height="36" />
            <span class="brand__text">
              <span class="brand__name">{t('app.name')}</span>
              <span class="brand__tagline">{t('app.tagline')}</span>
            </span>
          </a>
          <div class="site-header__actions">
            <Show when={unlocked()}>
              <a class="header-link" href="#/instellingen">
                {t('lock.settings')}
              </a>
              <button type="button" class="button button--small button--on-dark" onClick={() => void lock()} disabled={locking()}>
                {t('lock.lock')}
              </button>
            </Show>
            <LanguageSwitch />
          </div>
        </div>
      </header>
      <Show when={updateReady()}>
        <div class="notice notice--info update-banner" role="status">
          <div class="container">
            {t('app.update')}{' '}
            <button type="button" class="button button--small" onClick={() => location.reload()}>
              {t('app.updateReload')}
            </button>
          </div>
        </div>
      </Show>
      <main id="main" class="container main" tabindex="-1" ref={main}>
        <Switch fallback={<Home />}>
          <Match when={started.error}>
            <div class="notice notice--error" role="alert">
              {t('app.loadFailed')}
            </div>
          </Match>
          <Match when={lockState() === undefined}>
            <p class="muted">{t('app.loading')}</p>
          </Match>
          <Match when={lockState() === 'no-profile'}>
            {/* a device link on a fresh device: the person's name from the link, a passphrase, then linking */}
            <Show when={deviceLinkRoute()} keyed fallback={<Welcome />}>
              {(r) => <DeviceWelcome payload={r.payload} />}
            </Show>
          </Match>
          <Match when={lockState() === 'needs-passphrase'}>
            <ProtectProfile />
          </Match>
          <Match when={lockState() === 'locked'}>
            <LockScreen />
          </Match>
          <Match when={profile() === undefined}>
            <p class="muted">{t('app.loading')}</p>
          </Match>
          <Match when={route().name === 'settings'}>
            <Settings />
          </Match>
          <Match when={planRoute()} keyed>
            {(r) => <PlanView planId={r.planId} />}
          </Match>
          <Match when={joinRoute()} keyed>
            {(r) => <Join planId={r.planId} secret={r.secret} />}
          </Match>
          <Match when={deviceLinkRoute()} keyed>
            {(r) => <LinkDevice payload={r.payload} />}
          </Match>
        </Switch>
      </main>
      <footer class="site-footer">
        <div class="container">{t('app.footer')}</div>
      </footer>
    </>
  )
}
