import { For, Show, createMemo, createSignal } from 'solid-js'
import type * as Y from 'yjs'
import { roleAtLeast, type PlanSession } from '../../access/types'
import { compileSubstantiation, sharedFromSubstantiation, substantiationToText, type SubstantiationSectionId } from '../../plan'
import { ShareExtract } from '../extract/ShareExtract'
import { documentLang, tDocs } from '../i18n/documents'
import { DocBlocks, Facts } from './DocBlocks'
import { RouteStepForm } from './RouteStepForm'
import { copyText } from '../components/copyText'
import { planVersion } from './planVersion'
import './documents.css'

/**
 * Onderbouwing toegang: the substantiation for the gemeente's consultant, compiled live from the
 * plan (src/plan/substantiation.ts), to read, copy as text or print.
 */
export function SubstantiationView(props: { doc: Y.Doc; planId: string; me: string; canEdit: boolean; session?: PlanSession }) {
  const version = planVersion(props.doc)
  const doc = createMemo(() => {
    version()
    return compileSubstantiation(props.doc, { now: Date.now(), lang: documentLang() })
  })
  const sectionIds = createMemo(() => doc().sections.map((s) => s.id), [], { equals: (a, b) => a.join() === b.join() })
  const section = (id: SubstantiationSectionId) => doc().sections.find((s) => s.id === id)!
  const [copied, setCopied] = createSignal<{ ok: boolean } | null>(null)
  const copy = async () => setCopied({ ok: await copyText(substantiationToText(doc())) })

  return (
    <section class="doc" aria-labelledby="doc-title">
      <div class="doc-controls doc-toolbar">
        <a class="button button--secondary" href={`#/plan/${props.planId}`}>
          {tDocs('docs.backToPlan')}
        </a>
        <button type="button" class="button" onClick={() => void copy()}>
          {tDocs('docs.copyText')}
        </button>
        <button type="button" class="button button--secondary" onClick={() => window.print()}>
          {tDocs('docs.printButton')}
        </button>
        {/* R18: the request, frozen as it is now, for the gemeente (an organisation with the parents' consent) */}
        <Show when={props.session && roleAtLeast(props.session.role(), 'contributor') && props.session} keyed>
          {(session) => <ShareExtract session={session} kind={() => 'request'} document={() => sharedFromSubstantiation(doc())} />}
        </Show>
        <p role="status" class="doc-status" classList={{ field__error: copied()?.ok === false }}>
          {copied() ? (copied()!.ok ? tDocs('docs.copied') : tDocs('docs.copyFailed')) : ''}
        </p>
      </div>
      <p class="muted doc-controls">{tDocs('docs.substantiationIntro')}</p>
      <article class="doc-page">
        <h2 id="doc-title" class="doc-title" tabindex="-1">
          {doc().title}
        </h2>
        <Facts facts={doc().facts} />
        {/* keyed by the stable section ids, so a recompile never remounts the route form while it is filled in */}
        <For each={sectionIds()}>
          {(id, i) => (
            <section class="doc-section" data-section={id} aria-labelledby={`doc-section-${id}`}>
              <h3 id={`doc-section-${id}`}>
                {i() + 1}. {section(id).heading}
              </h3>
              <DocBlocks blocks={section(id).blocks} />
              <Show when={id === 'route' && props.canEdit}>
                <RouteStepForm doc={props.doc} me={props.me} />
              </Show>
            </section>
          )}
        </For>
      </article>
    </section>
  )
}
