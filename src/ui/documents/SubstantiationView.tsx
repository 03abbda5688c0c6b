import { For, Show, createMemo, createSignal, onCleanup } from 'solid-js'
import type * as Y from 'yjs'
import { roleAtLeast, type PlanSession } from '../../access/types'
import {
  compileRequest,
  sharedFromSubstantiation,
  substantiationToText,
  type RequestApprovalLine,
  type RequestApprovalStatus,
  type SubstantiationSectionId,
} from '../../plan'
import { ShareExtract } from '../extract/ShareExtract'
import { documentLang, tDocs } from '../i18n/documents'
import { tRequest } from '../i18n/request'
import { DocBlocks, Facts } from './DocBlocks'
import { RequestApprovalPanel } from './RequestApprovalPanel'
import { RequestForm } from './RequestForm'
import { RouteStepForm } from './RouteStepForm'
import { copyText } from '../components/copyText'
import { planVersion } from './planVersion'
import './documents.css'

function approvalLine(status: RequestApprovalStatus): RequestApprovalLine {
  if (status.overall === 'klopt' || status.overall === 'changed') return { state: status.overall, at: status.at! }
  return { state: status.overall }
}

/**
 * The request to the gemeente (once "onderbouwing toegang"), compiled live from the plan
 * (src/plan/substantiation.ts): what is not filled in yet, the parents' "klopt", and the request
 * itself, to read, copy as text or print. Editors fill in what is asked and who pays, and add help
 * tried, where the request is read.
 */
export function SubstantiationView(props: { doc: Y.Doc; session: PlanSession; planId: string; me: string; canEdit: boolean }) {
  const version = planVersion(props.doc)
  // membership (who may say "klopt") changes what counts, not only the plan
  const [members, setMembers] = createSignal(0)
  onCleanup(props.session.onStatus(() => setMembers((n) => n + 1)))
  // the request, its hash and the verdict on it are read together: the button signs what is shown
  const view = createMemo(() => {
    version()
    members()
    const now = Date.now()
    const status = props.session.requestApproval()
    return {
      doc: compileRequest(props.doc, { now, lang: documentLang(), approval: approvalLine(status) }),
      status,
      hash: props.session.requestHash(),
      mayApprove: props.session.mayApproveRequest(),
    }
  })
  const doc = () => view().doc
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
      <RequestApprovalPanel
        doc={props.doc}
        session={props.session}
        me={props.me}
        status={view().status}
        shownHash={view().hash}
        mayApprove={view().mayApprove}
      />
      <article class="doc-page">
        <h2 id="doc-title" class="doc-title" tabindex="-1">
          {doc().title}
        </h2>
        <Facts facts={doc().facts} />
        {/* what is missing, first: printed and copied too, so whoever reads it knows */}
        <section class="doc-gaps" aria-labelledby="doc-gaps-title" data-testid="request-gaps">
          <Show when={doc().gaps.length > 0} fallback={<p>{tRequest('req.gaps.none')}</p>}>
            <h3 id="doc-gaps-title">{tRequest('req.gaps.title', { n: doc().gaps.length })}</h3>
            <p class="muted">{tRequest('req.gaps.intro')}</p>
            <ul class="doc-list">
              <For each={doc().gaps}>
                {(g) => (
                  <li>
                    <a href={`#doc-section-${g.section}`} onClick={(e) => jumpTo(e, g.section)}>
                      {g.text}
                    </a>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </section>
        {/* keyed by the stable section ids, so a recompile never remounts a form while it is filled in */}
        <For each={sectionIds()}>
          {(id, i) => (
            <section class="doc-section" data-section={id} aria-labelledby={`doc-section-${id}`}>
              <h3 id={`doc-section-${id}`} tabindex="-1">
                {i() + 1}. {section(id).heading}
              </h3>
              <DocBlocks blocks={section(id).blocks} />
              <Show when={id === 'route' && props.canEdit}>
                <RouteStepForm doc={props.doc} me={props.me} />
              </Show>
              <Show when={id === 'funding' && props.canEdit}>
                <RequestForm doc={props.doc} />
              </Show>
            </section>
          )}
        </For>
      </article>
    </section>
  )
}

/** The hash router owns location.hash: a gap's link moves focus to its section instead of navigating. */
function jumpTo(e: MouseEvent, id: SubstantiationSectionId): void {
  e.preventDefault()
  const heading = document.getElementById(`doc-section-${id}`)
  heading?.scrollIntoView({ block: 'start' })
  heading?.focus()
}
