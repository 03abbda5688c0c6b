import { For, Show, createMemo, createSignal } from 'solid-js'
import type * as Y from 'yjs'
import { roleAtLeast, type PlanSession } from '../../access/types'
import { compilePrintDocument, PRINT_SECTIONS, sharedFromPrint, type OppStanding, type PrintSection, type PrintWords } from '../../plan'
import { ShareExtract } from '../extract/ShareExtract'
import { t } from '../i18n'
import { tPlan } from '../i18n/plan'
import { documentLang, tDocs } from '../i18n/documents'
import { agendaItemTitle } from '../i18n/meeting'
import { DocBlocks, Facts } from './DocBlocks'
import { planVersion } from './planVersion'
import './documents.css'

/** The print document's words from the app's dictionaries, in the app's language (read inside the memo, so a switch recompiles). */
const printWords = (): PrintWords => ({
  label: (key) => tDocs(`docs.${key}`),
  planOf: (name) => tDocs('docs.planOf', { name }),
  source: (source) => tDocs('docs.source', { source }),
  until: (from, to) => tDocs('docs.until', { from, to }),
  since: (from) => tDocs('docs.since', { from }),
  childFallback: t('plan.childFallback'),
  unknown: tPlan('common.unknown'),
  untitledGoal: tPlan('goals.untitled'),
  removedGoal: tPlan('common.removedGoal'),
  what: tPlan('actions.what'),
  role: (role) => t(`role.${role}`),
  funder: (funder) => (funder ? tPlan(`actions.fundedBy.${funder}`) : tPlan('actions.fundedBy.none')),
  agendaItem: (item, legacy) => agendaItemTitle(item, legacy),
})

/**
 * The plan as a document a school or care organisation can file: a title block (child, date of
 * birth, school, plan status, date printed, who is involved) and the chosen sections, laid out
 * for A4, compiled by src/plan/printDocument.ts (the OPP's instemming and vaststelling as the
 * session verified them, `opp`). "Afdrukken of opslaan als PDF" is the browser's
 * print dialog.
 */
export function PrintView(props: {
  doc: Y.Doc
  planId: string
  session?: PlanSession /** the OPP's signed acts, verified by the access layer */
  opp?: () => OppStanding
}) {
  const version = planVersion(props.doc)
  const [chosen, setChosen] = createSignal<ReadonlySet<PrintSection>>(new Set(PRINT_SECTIONS))
  const doc = createMemo(() => {
    version()
    return compilePrintDocument(props.doc, { sections: chosen(), now: Date.now(), lang: documentLang(), words: printWords(), opp: props.opp?.() })
  })
  const on = (s: PrintSection) => chosen().has(s)
  const toggle = (s: PrintSection, checked: boolean) => {
    const next = new Set(chosen())
    if (checked) next.add(s)
    else next.delete(s)
    setChosen(next)
  }

  return (
    <section class="doc doc--print" aria-labelledby="print-title">
      <div class="doc-controls">
        <div class="doc-toolbar">
          <a class="button button--secondary" href={`#/plan/${props.planId}`}>
            {tDocs('docs.backToPlan')}
          </a>
          <button type="button" class="button" onClick={() => window.print()}>
            {tDocs('docs.printButton')}
          </button>
          {/* R18: a member who writes shares what is chosen here, frozen as it is now */}
          <Show when={props.session && roleAtLeast(props.session.role(), 'contributor') && props.session} keyed>
            {(session) => (
              <ShareExtract
                session={session}
                kind={() => (chosen().size === PRINT_SECTIONS.length ? 'opp' : 'sections')}
                document={() => sharedFromPrint(doc())}
              />
            )}
          </Show>
        </div>
        <h2 id="print-heading" class="doc-controls__title">
          {tDocs('docs.printTitle')}
        </h2>
        <p class="muted">{tDocs('docs.printIntro')}</p>
        <fieldset class="fieldset doc-choose">
          <legend class="field__label">{tDocs('docs.printChoose')}</legend>
          <div class="doc-choose__options">
            <For each={PRINT_SECTIONS}>
              {(s) => (
                <div class="sp-check">
                  <input type="checkbox" id={`print-choose-${s}`} checked={on(s)} onChange={(e) => toggle(s, e.currentTarget.checked)} />
                  <label for={`print-choose-${s}`}>{tDocs(`docs.section.${s}`)}</label>
                </div>
              )}
            </For>
          </div>
          <div class="actions">
            <button type="button" class="button button--secondary button--small" onClick={() => setChosen(new Set(PRINT_SECTIONS))}>
              {tDocs('docs.printAll')}
            </button>
            <button type="button" class="button button--secondary button--small" onClick={() => setChosen(new Set<PrintSection>())}>
              {tDocs('docs.printNone')}
            </button>
          </div>
        </fieldset>
      </div>

      <article class="doc-page" aria-labelledby="print-title">
        <header class="doc-titleblock">
          <h2 id="print-title" class="doc-title">
            {doc().title}
          </h2>
          <Facts facts={doc().facts} />
          <Show when={doc().involved}>
            {(involved) => (
              <p class="doc-involved">
                <strong>{involved().label}:</strong> {involved().text}
              </p>
            )}
          </Show>
        </header>

        <Show when={chosen().size === 0}>
          <p class="doc-gap doc-controls">{tDocs('docs.printNothing')}</p>
        </Show>

        <For each={doc().sections}>
          {(section) => (
            <section class="doc-section" data-section={section.id} aria-labelledby={`print-${section.id}`}>
              <h3 id={`print-${section.id}`}>{section.heading}</h3>
              <DocBlocks blocks={section.blocks} />
            </section>
          )}
        </For>
      </article>
    </section>
  )
}
