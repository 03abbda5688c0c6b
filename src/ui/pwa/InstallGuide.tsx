import { Show, createSignal } from 'solid-js'
import { tPwa } from '../i18n/pwa'
import { canPromptInstall, dismissInstallHint, installHintDismissed, installed, isIosSafari, promptInstall } from '../install'

/** Settings: the browser's install button where it offers one, the Safari steps on iOS. */
export function InstallGuide() {
  const [busy, setBusy] = createSignal(false)
  const install = async () => {
    setBusy(true)
    try {
      await promptInstall()
    } finally {
      setBusy(false)
    }
  }
  return (
    <section class="panel form" aria-labelledby="install-title" id="installeren">
      <h2 id="install-title" class="utrecht-heading-2">
        {tPwa('install.title')}
      </h2>
      <Show when={!installed()} fallback={<p class="utrecht-paragraph">{tPwa('install.installed')}</p>}>
        <p class="utrecht-paragraph">{tPwa('install.intro')}</p>
        <Show when={canPromptInstall()}>
          <div>
            <button type="button" class="button utrecht-button utrecht-button--primary-action" onClick={() => void install()} disabled={busy()}>
              {tPwa('install.button')}
            </button>
          </div>
        </Show>
        <Show
          when={isIosSafari()}
          fallback={
            <Show when={!canPromptInstall()}>
              <p class="utrecht-paragraph">{tPwa('install.other')}</p>
            </Show>
          }
        >
          <p class="utrecht-paragraph">{tPwa('install.iosLead')}</p>
          <ol class="install-steps">
            <li>{tPwa('install.iosStep1')}</li>
            <li>{tPwa('install.iosStep2')}</li>
            <li>{tPwa('install.iosStep3')}</li>
          </ol>
        </Show>
        <p class="utrecht-paragraph">{tPwa('install.iosWhy')}</p>
      </Show>
    </section>
  )
}

/** Home: a dismissible tip, not shown once installed or dismissed. */
export function InstallHint() {
  return (
    <Show when={!installed() && !installHintDismissed() && (canPromptInstall() || isIosSafari())}>
      <aside class="notice notice--info install-hint utrecht-alert utrecht-alert--info" aria-label={tPwa('install.title')}>
        <p class="utrecht-paragraph">
          {tPwa('install.hint')}{' '}
          <a class="utrecht-link" href="#/instellingen">
            {tPwa('install.hintMore')}
          </a>
        </p>
        <button type="button" class="button button--small button--secondary utrecht-button utrecht-button--secondary-action" onClick={dismissInstallHint}>
          {tPwa('install.dismiss')}
        </button>
      </aside>
    </Show>
  )
}
