/** The few plan-doc facts the access layer needs (title, names); the full schema lives in src/plan. */
import type * as Y from 'yjs'

export function initPlanDoc(doc: Y.Doc, init: { childName: string; createdBy: string; creatorName: string }): void {
  doc.transact(() => {
    const child = doc.getMap('child')
    child.set('name', init.childName)
  })
}

export function childNameOf(doc: Y.Doc): string {
  const name = doc.getMap('child').get('name')
  return typeof name === 'string' ? name : (name?.toString() ?? '')
}

export function memberNameOf(_doc: Y.Doc, _memberKeyHex: string): string {
  return ''
}
