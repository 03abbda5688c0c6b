import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { blocksToText, deltaToBlocks, richTextBlocks } from '../../src/plan'

describe('rich text: Y.Text deltas as a safe document structure', () => {
  it('plain paragraphs, blank lines dropped', () => {
    expect(deltaToBlocks([{ insert: 'Eerste regel\n\nTweede regel\n' }])).toEqual([
      { kind: 'paragraph', runs: [{ text: 'Eerste regel' }] },
      { kind: 'paragraph', runs: [{ text: 'Tweede regel' }] },
    ])
  })

  it('headings and lists come from the newline that ends the line; consecutive list lines form one list', () => {
    const blocks = deltaToBlocks([
      { insert: 'Thuis' },
      { insert: '\n', attributes: { header: 2 } },
      { insert: 'slaapt slecht' },
      { insert: '\n', attributes: { list: 'bullet' } },
      { insert: 'eet ' },
      { insert: 'goed', attributes: { bold: true } },
      { insert: '\n', attributes: { list: 'bullet' } },
      { insert: 'stap' },
      { insert: '\n', attributes: { list: 'ordered' } },
      { insert: 'Slot\n' },
    ])
    expect(blocks).toEqual([
      { kind: 'heading', level: 2, runs: [{ text: 'Thuis' }] },
      { kind: 'list', ordered: false, items: [[{ text: 'slaapt slecht' }], [{ text: 'eet ' }, { text: 'goed', bold: true }]] },
      { kind: 'list', ordered: true, items: [[{ text: 'stap' }]] },
      { kind: 'paragraph', runs: [{ text: 'Slot' }] },
    ])
    expect(blocksToText(blocks)).toBe('Thuis\n\n- slaapt slecht\n- eet goed\n\n1. stap\n\nSlot')
  })

  it('keeps markup as text, drops unsafe links and embeds, merges runs of the same format', () => {
    const blocks = deltaToBlocks([
      { insert: '<img src=x onerror=alert(1)>', attributes: { italic: true } },
      { insert: ' en ', attributes: { italic: true } },
      { insert: 'klik', attributes: { link: 'javascript:alert(1)' } },
      { insert: { image: 'https://example.org/x.png' } },
      { insert: ' site', attributes: { link: 'https://example.org' } },
      { insert: '\n' },
    ])
    expect(blocks).toEqual([
      {
        kind: 'paragraph',
        runs: [{ text: '<img src=x onerror=alert(1)> en ', italic: true }, { text: 'klik' }, { text: ' site', href: 'https://example.org' }],
      },
    ])
  })

  it('reads a formatted Y.Text; a last line without newline counts; a header beyond 3 reads as 3', () => {
    const doc = new Y.Doc()
    const text = doc.getText('needs.kind')
    text.insert(0, 'Rust\nDuidelijkheid')
    text.format(0, 4, { bold: true })
    text.format(4, 1, { header: 5 })
    expect(richTextBlocks(text)).toEqual([
      { kind: 'heading', level: 3, runs: [{ text: 'Rust', bold: true }] },
      { kind: 'paragraph', runs: [{ text: 'Duidelijkheid' }] },
    ])
    expect(richTextBlocks(doc.getText('empty'))).toEqual([])
  })
})
