import { Match, Show, Switch, createEffect, createMemo, createResource, lazy, onMount } from 'solid-js'
import { t } from './i18n'
import { LanguageSwitch } from './components/LanguageSwitch'
import { profile, refreshProfile } from './client'
import { navigate, rememberAfterWelcome, route } from './router'
import { updateReady } from './serviceWorker'
import { Home } from './views/Home'
import { Welcome } from './views/Welcome'
import { Join } from './views/Join'

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

  // first run: no profile yet, so ask for a name first and come back afterwards
  createEffect(() => {
    if (started.loading || started.error) return
    const r = route()
    if (profile() === null && r.name !== 'welcome') {
      rememberAfterWelcome(r)
      navigate({ name: 'welcome' }, { replace: true })
    }
  })

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
          <LanguageSwitch />
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
          <Match when={profile() === undefined}>
            <p class="muted">{t('app.loading')}</p>
          </Match>
          <Match when={route().name === 'welcome'}>
            <Welcome />
          </Match>
          <Match when={profile() === null}>
            <p class="muted">{t('app.loading')}</p>
          </Match>
          <Match when={planRoute()} keyed>
            {(r) => <PlanView planId={r.planId} />}
          </Match>
          <Match when={joinRoute()} keyed>
            {(r) => <Join planId={r.planId} secret={r.secret} />}
          </Match>
        </Switch>
      </main>
      <footer class="site-footer">
        <div class="container">{t('app.footer')}</div>
      </footer>
    </>
  )
}
