import { For, Match, Show, Switch, type JSX } from 'solid-js'
import type { DocBlock, Fact, PrintBlock, PrintListItem } from '../../plan'
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

/** A compiled document's table: a header row of column names, then one row per entry. */
export function DocTable(props: { columns: string[]; rows: string[][] }): JSX.Element {
  return (
    <table class="doc-table">
      <thead>
        <tr>
          <For each={props.columns}>{(c) => <th scope="col">{c}</th>}</For>
        </tr>
      </thead>
      <tbody>
        <For each={props.rows}>{(row) => <tr><For each={row}>{(cell) => <td>{cell}</td>}</For></tr>}</For>
      </tbody>
    </table>
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

function PrintListLine(props: { item: PrintListItem }): JSX.Element {
  return (
    <li>
      <Show when={props.item.lead}>
        <strong>{props.item.lead}</strong>{' '}
      </Show>
      {props.item.text}
      <Show when={props.item.note}>
        {' '}
        <span class="muted">{props.item.note}</span>
      </Show>
    </li>
  )
}

/** The print view's blocks (src/plan/printDocument.ts) under a section heading of level 3. */
export function PrintBlocks(props: { blocks: PrintBlock[] }): JSX.Element {
  return (
    <For each={props.blocks}>
      {(b) => (
        <Switch>
          <Match when={b.kind === 'item' && b}>
            {(item) => (
              <div class="doc-item">
                <h4>{item().heading}</h4>
                <PrintBlocks blocks={item().blocks} />
              </div>
            )}
          </Match>
          <Match when={b.kind === 'heading' && b}>{(h) => (h().level === 4 ? <h4>{h().text}</h4> : <h5>{h().text}</h5>)}</Match>
          <Match when={b.kind === 'paragraph' && b}>{(p) => <p>{p().text}</p>}</Match>
          <Match when={b.kind === 'gap' && b}>{(g) => <p class="doc-gap">{g().text}</p>}</Match>
          <Match when={b.kind === 'facts' && b}>{(f) => <Facts facts={f().facts} />}</Match>
          <Match when={b.kind === 'list' && b}>{(l) => <ul class="doc-list"><For each={l().items}>{(i) => <PrintListLine item={i} />}</For></ul>}</Match>
          <Match when={b.kind === 'table' && b}>{(t) => <DocTable columns={t().columns} rows={t().rows} />}</Match>
          <Match when={b.kind === 'rich' && b}>{(r) => <RichText blocks={r().blocks} base={4} />}</Match>
        </Switch>
      )}
    </For>
  )
}
