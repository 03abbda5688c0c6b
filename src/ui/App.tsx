import { Match, Show, Switch, createEffect, createMemo, createResource, createSignal, lazy, onCleanup, onMount } from 'solid-js'
import { t } from './i18n'
import { LanguageSwitch } from './components/LanguageSwitch'
import { lockNow, lockSettings, lockState, profile, refreshProfile } from './client'
import { startIdleLock } from './idleLock'
import { hrefFor, route } from './router'
import { requestPersistenceOnce } from './storagePersistence'
import { InstallHint } from './pwa/InstallGuide'
import { UpdateBanner } from './pwa/UpdateBanner'
import { Home } from './views/Home'
import { Welcome } from './views/Welcome'
import { CheckInviteFirst, Join } from './views/Join'
import { LockScreen } from './views/LockScreen'
import { ProtectProfile } from './views/ProtectProfile'
import { Settings } from './views/Settings'
import { DeviceWelcome } from './devices/DeviceWelcome'
import { LinkDevice } from './devices/LinkDevice'

// the plan view brings Quill and the editors: loaded only when a plan is opened
const PlanView = lazy(() => import('./views/PlanView'))
// long text in two languages that few open: not in the first paint's bundle
const Accessibility = lazy(() => import('./views/Accessibility'))
// a shared document (R18), opened from its link: public, no profile needed
const SharedView = lazy(() => import('./extract/SharedView').then((m) => ({ default: m.SharedView })))

export function App() {
  let main!: HTMLElement
  const [started] = createResource(async () => refreshProfile())
  // keyed by the plan id alone: moving between the plan, a meeting and its documents keeps the view (and its editors) mounted
  const planId = createMemo(() => {
    const r = route()
    return r.name === 'plan' ? r.planId : null
  })
  const joinRoute = createMemo(() => {
    const r = route()
    return r.name === 'join' ? r : null
  })
  const sharedRoute = createMemo(() => {
    const r = route()
    return r.name === 'shared' ? r : null
  })
  const deviceLinkRoute = createMemo(() => {
    const r = route()
    return r.name === 'device-link' ? r : null
  })

  // The lock decides what shows: first run (a name and a passphrase), a keyring from before the
  // lock (choose a passphrase), the lock screen, or the page asked for. The route stays as it is,
  // so an invite link or a plan opens once the device is unlocked.
  const unlocked = () => lockState() === 'unlocked'

  // ask the browser to keep IndexedDB once there is something to lose, not at first paint
  createEffect(() => {
    if (unlocked()) requestPersistenceOnce()
  })

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

  // the lock screen and first-run forms take the focus when they appear (on their first shown
  // field: the password manager's fixed username before the passphrase is hidden)
  createEffect(() => {
    const state = lockState()
    if (state && state !== 'unlocked') queueMicrotask(() => main?.querySelector<HTMLInputElement>('input:not([hidden])')?.focus())
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
  let last = route()
  createEffect(() => {
    const r = route()
    // into or out of a meeting of the same plan: the plan view puts the focus on the meeting, or back where one was
    const meetingMove = r.name === 'plan' && last.name === 'plan' && r.planId === last.planId && (r.meetingId !== undefined || last.meetingId !== undefined)
    last = r
    if (first) return void (first = false)
    if (meetingMove) return
    queueMicrotask(() => main?.focus({ preventScroll: false }))
  })

  const skip = (e: MouseEvent) => {
    e.preventDefault()
    main.focus()
  }

  onMount(() => {
    document.documentElement.setAttribute('lang', document.documentElement.lang || 'nl')
    // the NL Design System components read Samenplan's tokens from here (theme.css)
    document.documentElement.classList.add('samenplan-theme')
  })

  return (
    <>
      {/* biome-ignore lint/a11y/useValidAnchor: a real link to #main for keyboards and no-JS; the click keeps the hash router from reading "#main" as a route */}
      <a class="skip-link utrecht-skip-link" href="#main" onClick={skip}>
        {t('app.skip')}
      </a>
      <header class="site-header utrecht-page-header">
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
                {t('app.settings')}
              </a>
              <button
                type="button"
                class="button button--small button--on-dark utrecht-button utrecht-button--secondary-action"
                onClick={() => void lock()}
                disabled={locking()}
              >
                {t('app.lock')}
              </button>
            </Show>
            <LanguageSwitch />
          </div>
        </div>
      </header>
      <UpdateBanner />
      <main id="main" class="container main" tabindex="-1" ref={main}>
        <Switch
          fallback={
            <>
              <InstallHint />
              <Home />
            </>
          }
        >
          <Match when={started.error}>
            <div class="notice notice--error" role="alert">
              {t('app.loadFailed')}
            </div>
          </Match>
          {/* public: readable before a profile exists and while locked */}
          <Match when={route().name === 'accessibility'}>
            <Accessibility />
          </Match>
          <Match when={sharedRoute()} keyed>
            {(r) => <SharedView link={hrefFor(r)} />}
          </Match>
          <Match when={lockState() === undefined}>
            <p class="muted">{t('app.loading')}</p>
          </Match>
          {/* an invite link on a fresh device: whether it still works, before a name and a passphrase are asked for */}
          <Match when={lockState() === 'no-profile' && joinRoute()} keyed>
            {(r) => (
              <CheckInviteFirst planId={r.planId} secret={r.secret}>
                <Welcome />
              </CheckInviteFirst>
            )}
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
          <Match when={planId()} keyed>
            {(id) => <PlanView planId={id} />}
          </Match>
          <Match when={joinRoute()} keyed>
            {(r) => <Join planId={r.planId} secret={r.secret} />}
          </Match>
          <Match when={deviceLinkRoute()} keyed>
            {(r) => <LinkDevice payload={r.payload} />}
          </Match>
        </Switch>
      </main>
      <footer class="site-footer utrecht-page-footer">
        <div class="container site-footer__inner">
          <p class="utrecht-paragraph">{t('app.footer')}</p>
          <nav aria-label={t('a11y.link')}>
            <a class="utrecht-link" href="#/toegankelijkheid">
              {t('a11y.link')}
            </a>
          </nav>
        </div>
      </footer>
    </>
  )
}
