import { Show } from 'solid-js'
import { t } from '../i18n'
import { createProfile, lastLock } from '../client'
import { navigate, route } from '../router'
import { NameForm } from '../components/NameForm'

/** First run: a name, a passphrase (twice) and whether this is a shared computer. */
export function Welcome() {
  return (
    <section class="panel panel--narrow" aria-labelledby="welcome-title">
      <Show when={lastLock()?.wiped}>
        <div class="notice notice--info" role="status">
          {t('lock.wiped')}
        </div>
      </Show>
      <h1 id="welcome-title">{t('welcome.title')}</h1>
      <p class="lead">{t('welcome.intro')}</p>
      <NameForm
        prefix="profile"
        nameLabel={t('welcome.nameLabel')}
        nameHint={t('welcome.nameHint')}
        submitLabel={t('welcome.submit')}
        create={async ({ name, passphrase, sharedComputer }) => {
          await createProfile(name, passphrase, { sharedComputer })
          // the page asked for stays (an invite link goes on to the invite); the welcome page goes home
          if (route().name === 'welcome') navigate({ name: 'home' }, { replace: true })
        }}
      />
    </section>
  )
}
