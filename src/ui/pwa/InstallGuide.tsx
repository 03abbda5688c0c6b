import { Show, createSignal } from 'solid-js'
import { tp } from '../i18n/pwa'
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
      <h2 id="install-title" class="utrecht-heading-2">{tp('install.title')}</h2>
      <Show when={!installed()} fallback={<p class="utrecht-paragraph">{tp('install.installed')}</p>}>
        <p class="utrecht-paragraph">{tp('install.intro')}</p>
        <Show when={canPromptInstall()}>
          <div>
            <button type="button" class="button utrecht-button utrecht-button--primary-action" onClick={() => void install()} disabled={busy()}>
              {tp('install.button')}
            </button>
          </div>
        </Show>
        <Show when={isIosSafari()} fallback={<Show when={!canPromptInstall()}><p class="utrecht-paragraph">{tp('install.other')}</p></Show>}>
          <p class="utrecht-paragraph">{tp('install.iosLead')}</p>
          <ol class="install-steps">
            <li>{tp('install.iosStep1')}</li>
            <li>{tp('install.iosStep2')}</li>
            <li>{tp('install.iosStep3')}</li>
          </ol>
        </Show>
        <p class="utrecht-paragraph">{tp('install.iosWhy')}</p>
      </Show>
    </section>
  )
}

/** Home: a dismissible tip, not shown once installed or dismissed. */
export function InstallHint() {
  return (
    <Show when={!installed() && !installHintDismissed() && (canPromptInstall() || isIosSafari())}>
      <aside class="notice notice--info install-hint utrecht-alert utrecht-alert--info" aria-label={tp('install.title')}>
        <p class="utrecht-paragraph">
          {tp('install.hint')} <a class="utrecht-link" href="#/instellingen">{tp('install.hintMore')}</a>
        </p>
        <button type="button" class="button button--small button--secondary utrecht-button utrecht-button--secondary-action" onClick={dismissInstallHint}>
          {tp('install.dismiss')}
        </button>
      </aside>
    </Show>
  )
}
