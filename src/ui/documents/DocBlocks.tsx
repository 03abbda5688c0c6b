import { For, Match, Switch, type JSX } from 'solid-js'
import type { DocBlock, Fact } from '../../plan'
import { RichText } from './RichText'

export function Facts(props: { facts: Fact[] }): JSX.Element {
  return (
    <dl class="doc-facts">
      <For each={props.facts}>
        {(f) => (
          <div class="doc-facts__row">
            <dt>{f.label}</dt>
            <dd>{f.value}</dd>
          </div>
        )}
      </For>
    </dl>
  )
}

/** A compiled document's blocks (src/plan/substantiation.ts) under a section heading of level 3. */
export function DocBlocks(props: { blocks: DocBlock[] }): JSX.Element {
  return (
    <For each={props.blocks}>
      {(b) => (
        <Switch>
          <Match when={b.kind === 'heading' && b}>{(h) => <h4 class="doc-subhead">{h().text}</h4>}</Match>
          <Match when={b.kind === 'paragraph' && b}>{(p) => <p>{p().text}</p>}</Match>
          <Match when={b.kind === 'gap' && b}>{(g) => <p class="doc-gap">{g().text}</p>}</Match>
          <Match when={b.kind === 'facts' && b}>{(f) => <Facts facts={f().facts} />}</Match>
          <Match when={b.kind === 'list' && b}>{(l) => <ul class="doc-list"><For each={l().items}>{(i) => <li>{i}</li>}</For></ul>}</Match>
          <Match when={b.kind === 'rich' && b}>{(r) => <RichText blocks={r().blocks} base={4} />}</Match>
        </Switch>
      )}
    </For>
  )
}
