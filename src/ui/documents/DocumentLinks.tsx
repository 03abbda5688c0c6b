import { hrefFor } from '../router'
import { tDocs } from '../i18n/documents'
import './documents.css'

/** The plan header's links to the documents made from the plan. */
export function DocumentLinks(props: { planId: string }) {
  return (
    <nav class="doc-links" aria-label={tDocs('docs.links')}>
      <a href={hrefFor({ name: 'plan', planId: props.planId, view: 'onderbouwing' })}>{tDocs('docs.substantiation')}</a>
      <a href={hrefFor({ name: 'plan', planId: props.planId, view: 'afdrukken' })}>{tDocs('docs.print')}</a>
    </nav>
  )
}
