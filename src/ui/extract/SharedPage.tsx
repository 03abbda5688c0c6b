import { t } from '../i18n'
import { SharedView } from './SharedView'

/**
 * The whole page when the browser opens a shared link (src/main.tsx): the frame and the document,
 * nothing of the app behind it. No profile is read, no service worker registered, nothing written
 * to the device; the recipient needs no account.
 */
export function SharedPage(props: { link: string }) {
  return (
    <>
      <header class="site-header utrecht-page-header">
        <div class="container site-header__inner">
          <span class="brand">
            <img src="/icon.svg" alt="" width="36" height="36" />
            <span class="brand__text">
              <span class="brand__name">{t('app.name')}</span>
              <span class="brand__tagline">{t('app.tagline')}</span>
            </span>
          </span>
        </div>
      </header>
      <main id="main" class="container main" tabindex="-1">
        <SharedView link={props.link} />
      </main>
    </>
  )
}
