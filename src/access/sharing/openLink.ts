/**
 * Opening a shared extract on any browser, without an account (issue 11 §2): the link's fragment
 * gives the share id and key, the relay gives the ciphertext (counted as one opening) and the
 * key of the member who stored it; this device decrypts, checks the sharer's signature and reads
 * the document strictly. Nothing is kept: no keyring, no IndexedDB, no cache (`no-store`).
 */
import { loadSodium } from '../../crypto'
import { readSharedDocument, type SharedDocument } from '../../plan'
import { openExtract, parseShareFragment, type SharedExtract } from '../../sync/sharedExtract'
import { fetchShare } from '../../sync/shareTransfer'
import { asShareError, ShareError } from './shareError'

export interface OpenedShare {
  extract: Omit<SharedExtract, 'document'>
  document: SharedDocument
  /** openings so far (this one included) and how many the link allows */
  opens: number
  maxOpens: number
}

export interface OpenLinkOptions {
  /** the relay's WebSocket base, `ws(s)://host/sync` (default: this page's origin) */
  syncUrl?: string
  fetch?: typeof fetch
}

function defaultSyncUrl(): string {
  return `${location.origin.replace(/^http/, 'ws')}/sync`
}

/** Opens the link (the whole address, or its fragment); throws ShareError with a code the UI translates. */
export async function openSharedLink(link: string, options: OpenLinkOptions = {}): Promise<OpenedShare> {
  const parsed = parseShareFragment(link)
  if (!parsed) throw new ShareError('not-a-link')
  await loadSodium()
  try {
    const fetched = await fetchShare(options.syncUrl ?? defaultSyncUrl(), parsed.shareId, options.fetch)
    const { document: raw, ...extract } = openExtract(fetched.bytes, parsed.shareId, parsed.key, fetched.by)
    const document = readSharedDocument(raw)
    if (!document) throw new ShareError('share-malformed', 'the document inside is not one this app can show')
    return { extract, document, opens: fetched.opens, maxOpens: fetched.maxOpens }
  } catch (err) {
    throw asShareError(err)
  }
}
