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

/**
 * A compiled document's table: a header row of column names, then one row per entry. On a narrow
 * screen each row stacks, every cell after its column's name (data-label, documents.css), so the
 * page never scrolls sideways; the explicit roles keep it a table for screen readers when its
 * display changes.
 */
export function DocTable(props: { columns: string[]; rows: string[][] }): JSX.Element {
  return (
    <table class="doc-table" role="table">
      <thead role="rowgroup">
        <tr role="row">
          <For each={props.columns}>
            {(c) => (
              <th scope="col" role="columnheader">
                {c}
              </th>
            )}
          </For>
        </tr>
      </thead>
      <tbody role="rowgroup">
        <For each={props.rows}>
          {(row) => (
            <tr role="row">
              <For each={row}>
                {(cell, i) => (
                  <td role="cell" data-label={props.columns[i()] ?? ''}>
                    {cell}
                  </td>
                )}
              </For>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  )
}

/** One line of a list: a plain string (the onderbouwing) or a bold lead, the text and a muted note (the print view). */
function ListLine(props: { item: string | PrintListItem }): JSX.Element {
  const item = () => (typeof props.item === 'string' ? { text: props.item } : props.item)
  return (
    <li>
      <Show when={item().lead}>
        <strong>{item().lead}</strong>{' '}
      </Show>
      {item().text}
      <Show when={item().note}>
        {' '}
        <span class="muted">{item().note}</span>
      </Show>
    </li>
  )
}

/** The onderbouwing's headings are all of level 4; the print view's say theirs. */
const levelOf = (heading: { text: string; level?: 4 | 5 }): 4 | 5 => heading.level ?? 4

/**
 * A compiled document's blocks under a section heading of level 3: the onderbouwing's
 * (src/plan/substantiation.ts) and the print view's (src/plan/printDocument.ts), whose block kinds
 * are a superset of the onderbouwing's.
 */
export function DocBlocks(props: { blocks: (DocBlock | PrintBlock)[] }): JSX.Element {
  return (
    <For each={props.blocks}>
      {(b) => (
        <Switch>
          <Match when={b.kind === 'item' && b}>
            {(item) => (
              <div class="doc-item">
                <h4>{item().heading}</h4>
                <DocBlocks blocks={item().blocks} />
              </div>
            )}
          </Match>
          <Match when={b.kind === 'heading' && b}>{(h) => (levelOf(h()) === 5 ? <h5>{h().text}</h5> : <h4 class="doc-subhead">{h().text}</h4>)}</Match>
          <Match when={b.kind === 'paragraph' && b}>{(p) => <p>{p().text}</p>}</Match>
          <Match when={b.kind === 'gap' && b}>{(g) => <p class="doc-gap">{g().text}</p>}</Match>
          <Match when={b.kind === 'facts' && b}>{(f) => <Facts facts={f().facts} />}</Match>
          <Match when={b.kind === 'list' && b}>
            {(l) => (
              <ul class="doc-list">
                <For each={l().items as (string | PrintListItem)[]}>{(i) => <ListLine item={i} />}</For>
              </ul>
            )}
          </Match>
          <Match when={b.kind === 'table' && b}>{(t) => <DocTable columns={t().columns} rows={t().rows} />}</Match>
          <Match when={b.kind === 'rich' && b}>{(r) => <RichText blocks={r().blocks} base={4} />}</Match>
        </Switch>
      )}
    </For>
  )
}
