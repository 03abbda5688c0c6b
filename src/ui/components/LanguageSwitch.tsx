import { For } from 'solid-js'
import { lang, setLang, t, type Lang } from '../i18n'

const LANGS: Lang[] = ['nl', 'en']

/** Two buttons rather than a select: one press, and each names itself in its own language. */
export function LanguageSwitch() {
  return (
    <nav class="lang-switch" aria-label={t('lang.label')}>
      <For each={LANGS}>
        {(l) => (
          <button type="button" class="lang-switch__button" lang={l} aria-pressed={lang() === l} onClick={() => setLang(l)}>
            {t(l === 'nl' ? 'lang.nl' : 'lang.en')}
          </button>
        )}
      </For>
    </nav>
  )
}
