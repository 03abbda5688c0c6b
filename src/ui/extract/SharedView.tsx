import { For, Match, Show, Switch, createResource } from 'solid-js'
import type { OpenedShare } from '../../access/sharing/openLink'
import { DocBlocks, Facts } from '../documents/DocBlocks'
import { errorCodeOf } from '../errorCode'
import { formatDayOf, tExtract, type ExtractKey } from '../i18n/extract'
import '../documents/documents.css'
import './extract.css'

/** The device's checks that failed: all one message to a reader, "damaged or changed". */
const TAMPERED = new Set(['share-wrong-key', 'share-bad-signature', 'share-mismatch', 'share-malformed'])
const SAID = new Set(['share-expired', 'share-withdrawn', 'share-used-up', 'share-not-found', 'consent-missing', 'not-a-link', 'rate-limited', 'offline'])

function errorText(err: unknown): string {
  const code = errorCodeOf(err)
  if (TAMPERED.has(code)) return tExtract('ext.open.error.tampered')
  return tExtract(`ext.open.error.${SAID.has(code) ? code : 'offline'}` as ExtractKey)
}

/**
 * A shared document, opened from its link by anyone, without an account (issue 11 §2): fetched
 * once (each load counts as an opening), decrypted and checked in src/access/sharing/openLink.ts,
 * shown read-only with who shared it, for whom and until when; "Afdrukken of opslaan als PDF" is
 * the browser's print dialog. Nothing is stored: no profile, no IndexedDB.
 */
export function SharedView(props: { link: string }) {
  const [opened] = createResource(
    () => props.link,
    async (link): Promise<OpenedShare> => (await import('../../access/sharing/openLink')).openSharedLink(link),
  )

  return (
    <section class="doc doc--shared" aria-labelledby="shared-title">
      <Switch>
        <Match when={opened.loading}>
          <h1 id="shared-title">{tExtract('ext.open.title')}</h1>
          <p class="muted" role="status">
            {tExtract('ext.open.loading')}
          </p>
        </Match>
        <Match when={opened.error}>
          <h1 id="shared-title">{tExtract('ext.open.title')}</h1>
          <div class="notice notice--error" role="alert" data-testid="shared-error" data-code={errorCodeOf(opened.error)}>
            {errorText(opened.error)}
          </div>
        </Match>
        <Match when={opened()}>
          {(o) => {
            const x = () => o().extract
            const name = () => x().sharer.name || tExtract('ext.open.someone')
            const by = () =>
              x().sharer.organisation
                ? tExtract('ext.open.by', { name: name(), org: x().sharer.organisation, date: formatDayOf(x().sharedAt), until: formatDayOf(x().expiresAt) })
                : tExtract('ext.open.byNoOrg', { name: name(), date: formatDayOf(x().sharedAt), until: formatDayOf(x().expiresAt) })
            return (
              <>
                <div class="doc-controls shared-about" data-testid="shared-about">
                  <p class="shared-about__by">{by()}</p>
                  <Show when={x().recipient.name}>
                    <p>{tExtract('ext.open.for', { org: x().recipient.name })}</p>
                  </Show>
                  <p class="shared-about__signed">{tExtract('ext.open.signed', { name: name() })}</p>
                  <p class="muted">{tExtract('ext.open.count', { opens: o().opens, max: o().maxOpens })}</p>
                  <p class="muted">{tExtract('ext.open.nothingKept')}</p>
                  <div class="doc-toolbar">
                    <button type="button" class="button" onClick={() => window.print()}>
                      {tExtract('ext.open.print')}
                    </button>
                  </div>
                </div>
                <article class="doc-page">
                  <header class="doc-titleblock">
                    <h1 id="shared-title" class="doc-title" tabindex="-1">
                      {o().document.title}
                    </h1>
                    <Facts facts={o().document.facts} />
                    <Show when={o().document.involved}>
                      {(involved) => (
                        <p class="doc-involved">
                          <strong>{involved().label}:</strong> {involved().text}
                        </p>
                      )}
                    </Show>
                    {/* on paper too: who shared it and until when */}
                    <p class="doc-involved shared-print-only">{by()}</p>
                  </header>
                  <For each={o().document.sections}>
                    {(section, i) => (
                      <section class="doc-section" aria-labelledby={`shared-section-${i()}`}>
                        <h2 id={`shared-section-${i()}`}>{section.heading}</h2>
                        <DocBlocks blocks={section.blocks} />
                      </section>
                    )}
                  </For>
                </article>
              </>
            )
          }}
        </Match>
      </Switch>
    </section>
  )
}
