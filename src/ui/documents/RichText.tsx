import { For, Match, Switch, type JSX } from 'solid-js'
import type { RichBlock, TextRun } from '../../plan'

/** One run of text with its formats, as elements: user text is only ever a text node. */
function Run(props: { run: TextRun }): JSX.Element {
  const r = props.run
  let node: JSX.Element = r.text
  if (r.bold) node = <strong>{node}</strong>
  if (r.italic) node = <em>{node}</em>
  if (r.underline) node = <u>{node}</u>
  if (r.strike) node = <s>{node}</s>
  if (r.href)
    node = (
      <a href={r.href} rel="noopener noreferrer" target="_blank">
        {node}
      </a>
    )
  return node
}

const Runs = (props: { runs: TextRun[] }) => <For each={props.runs}>{(run) => <Run run={run} />}</For>

/**
 * A collaborative text's blocks (src/plan/richText.ts) as headings, paragraphs and lists. Headings
 * inside a text sit below the document's own: `base` is the level of the section heading they
 * belong under.
 */
export function RichText(props: { blocks: RichBlock[]; base: 2 | 3 | 4 | 5 }): JSX.Element {
  const level = (l: 1 | 2 | 3) => Math.min(6, props.base + l)
  return (
    <div class="doc-rich">
      <For each={props.blocks}>
        {(b) => (
          <Switch>
            <Match when={b.kind === 'heading' && b}>
              {(h) => {
                const l = level(h().level)
                return l <= 3 ? (
                  <h3>
                    <Runs runs={h().runs} />
                  </h3>
                ) : l === 4 ? (
                  <h4>
                    <Runs runs={h().runs} />
                  </h4>
                ) : l === 5 ? (
                  <h5>
                    <Runs runs={h().runs} />
                  </h5>
                ) : (
                  <h6>
                    <Runs runs={h().runs} />
                  </h6>
                )
              }}
            </Match>
            <Match when={b.kind === 'paragraph' && b}>
              {(p) => (
                <p>
                  <Runs runs={p().runs} />
                </p>
              )}
            </Match>
            <Match when={b.kind === 'list' && b}>
              {(l) =>
                l().ordered ? (
                  <ol>
                    <For each={l().items}>
                      {(item) => (
                        <li>
                          <Runs runs={item} />
                        </li>
                      )}
                    </For>
                  </ol>
                ) : (
                  <ul>
                    <For each={l().items}>
                      {(item) => (
                        <li>
                          <Runs runs={item} />
                        </li>
                      )}
                    </For>
                  </ul>
                )
              }
            </Match>
          </Switch>
        )}
      </For>
    </div>
  )
}
