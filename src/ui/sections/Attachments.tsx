import { For, Show, createSignal, onCleanup } from 'solid-js'
import type { PlanSession, Role } from '../../access/types'
import { attachmentKind, createAttachments, mayRemoveAttachment, memberName, ATTACHMENT_TYPES, type Attachment, type AttachmentPlace } from '../../plan'
import { formatDateTime, lang } from '../i18n'
import { tAtt, type AttachmentsKey } from '../i18n/attachments'
import { errorCodeOf } from '../errorCode'
import { ConfirmDangerDialog } from '../components/ConfirmDangerDialog'
import { createConfirmedAction } from '../components/confirmedAction'
import { Dialog } from './Dialog'
import './attachments.css'

/** What the relay holds for one plan (RELAY_PLAN_FILE_QUOTA_BYTES): shown to admins until the relay's own number comes. */
const PLAN_FILE_QUOTA_BYTES = 500 * 1024 * 1024
/** What the file picker offers: the types the plan takes (src/plan/attachments.ts), by type and by ending. */
const ACCEPT = [...Object.keys(ATTACHMENT_TYPES), '.pdf', '.png', '.jpg', '.jpeg', '.webp', '.gif', '.docx', '.doc', '.odt', '.txt'].join(',')

/** Sizes as a person reads them: "340 kB", "2,4 MB". */
export function sizeText(bytes: number, language = lang()): string {
  const format = (n: number, unit: string) =>
    `${new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: n < 10 ? 1 : 0 }).format(n)} ${unit}`
  if (bytes < 1024) return format(bytes, 'B')
  if (bytes < 1024 * 1024) return format(bytes / 1024, 'kB')
  return format(bytes / (1024 * 1024), 'MB')
}

/** The codes the block has words for: a PlanError's (file-type …) or a FileTransferError's (offline …). */
const KNOWN_ERRORS = new Set(['offline', 'refused', 'too-large', 'quota', 'missing', 'tampered', 'not-found', 'forbidden', 'file-type', 'file-too-large'])

/** An error from the layers below (or its code) in the person's words. */
function errorText(err: unknown): string {
  const code = typeof err === 'string' ? err : errorCodeOf(err)
  return KNOWN_ERRORS.has(code) ? tAtt(`att.error.${code}` as AttachmentsKey) : tAtt('att.error.generic')
}

/** Saves the decrypted file where the browser saves downloads; the object URL lives only as long as the click needs. */
function saveFile(bytes: Uint8Array, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.hidden = true
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/**
 * "Bijlagen": the files of the plan or of one meeting. Adding encrypts on this device (the session
 * does it; this view hands over bytes and shows codes), the list says per file where it is (on this
 * device, sent, waiting for a connection) and how far a transfer is; images and PDFs open in the
 * app from a blob: URL of the decrypted bytes, revoked when the preview closes.
 */
export function AttachmentsBlock(props: { session: PlanSession; place: AttachmentPlace; role: () => Role; me: string; canAdd: () => boolean }) {
  const session = props.session
  const model = createAttachments(session.doc)
  const here = () => model.at(props.place)
  const [items, setItems] = createSignal<Attachment[]>(here())
  onCleanup(model.observe(() => setItems(here())))
  // local state (waiting, kept, progress) is the session's: re-read it when it says so
  const [tick, setTick] = createSignal(0)
  onCleanup(session.onAttachmentChange(() => setTick((n) => n + 1)))
  const local = (id: string) => {
    tick()
    return session.attachmentState(id)
  }
  const [total, setTotal] = createSignal(model.totalBytes())
  onCleanup(model.observe(() => setTotal(model.totalBytes())))

  const idBase = props.place.kind === 'plan' ? 'att-plan' : `att-${props.place.kind}-${props.place.id}`
  const [message, setMessage] = createSignal<{ text: string; error: boolean } | null>(null)
  const [itemError, setItemError] = createSignal<{ id: string; text: string } | null>(null)
  const [dragging, setDragging] = createSignal(false)
  const [preview, setPreview] = createSignal<{ url: string; name: string; kind: 'pdf' | 'image' } | null>(null)
  onCleanup(() => {
    const p = preview()
    if (p) URL.revokeObjectURL(p.url)
  })

  // the message speaks of the latest choice: an earlier file finishing later must not cover its refusal
  let latestAdd = 0
  const add = async (files: FileList | null | undefined) => {
    const turn = ++latestAdd
    const say = (text: string, error: boolean) => {
      if (turn === latestAdd) setMessage({ text, error })
    }
    const chosen = Array.from(files ?? [])
    // of several files, each refusal is named; one that went in does not cover another's refusal
    const refused: string[] = []
    for (const file of chosen) {
      if (refused.length === 0) say(tAtt('att.adding', { name: file.name }), false)
      try {
        const bytes = new Uint8Array(await file.arrayBuffer())
        await session.attachFile({ name: file.name, type: file.type, bytes }, props.place)
        if (refused.length === 0) say(tAtt('att.added', { name: file.name }), false)
      } catch (err) {
        refused.push(chosen.length > 1 ? `${file.name}: ${errorText(err)}` : errorText(err))
        say(refused.join(' '), true)
      }
    }
  }

  const open = async (a: Attachment) => {
    setItemError(null)
    try {
      const bytes = await session.openAttachment(a.id)
      const kind = attachmentKind(a.type)
      if (kind === 'pdf' || kind === 'image') setPreview({ url: URL.createObjectURL(new Blob([bytes as BlobPart], { type: a.type })), name: a.name, kind })
      else saveFile(bytes, a.name, a.type)
    } catch (err) {
      setItemError({ id: a.id, text: errorText(err) })
    }
  }
  const closePreview = () => {
    const p = preview()
    if (p) URL.revokeObjectURL(p.url)
    setPreview(null)
  }
  const save = async (a: Attachment) => {
    setItemError(null)
    try {
      saveFile(await session.openAttachment(a.id), a.name, a.type)
    } catch (err) {
      setItemError({ id: a.id, text: errorText(err) })
    }
  }
  const keep = async (a: Attachment, on: boolean) => {
    setItemError(null)
    try {
      await session.keepOffline(a.id, on)
    } catch (err) {
      setItemError({ id: a.id, text: errorText(err) })
      setTick((n) => n + 1)
    }
  }
  const removal = createConfirmedAction<Attachment>(
    (a) => session.removeAttachment(a.id),
    () => tAtt('att.removeFailed'),
  )

  const who = (a: Attachment) => (session.isMine(a.createdBy) ? tAtt('att.you') : memberName(session.doc, a.createdBy) || tAtt('att.someone'))
  const stateText = (a: Attachment) => {
    const s = local(a.id)
    if (s.waiting) return tAtt('att.state.waiting')
    if (s.kept) return tAtt('att.state.kept')
    return tAtt('att.state.sent')
  }

  return (
    <section class="sp-section sp-attachments" id={`${idBase}-section`} aria-labelledby={`${idBase}-title`}>
      <h2 id={`${idBase}-title`} tabindex="-1">
        {tAtt('att.title')}
      </h2>
      <p class="muted">{props.place.kind === 'meeting' ? tAtt('att.meetingIntro') : tAtt('att.intro')}</p>
      <Show when={props.role() === 'admin' && props.place.kind === 'plan'}>
        <p class="sp-attachments__quota">{tAtt('att.quota', { used: sizeText(total()), total: sizeText(PLAN_FILE_QUOTA_BYTES) })}</p>
      </Show>
      <Show when={props.canAdd()}>
        <form autocomplete="off" class="card form" onSubmit={(e) => e.preventDefault()}>
          <div
            // a drop target around the labelled input: the input is the way in by keyboard
            role="group"
            class="sp-attachments__drop"
            classList={{ 'sp-attachments__drop--active': dragging() }}
            onDragOver={(e) => {
              e.preventDefault()
              setDragging(true)
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={(e) => {
              e.preventDefault()
              setDragging(false)
              void add(e.dataTransfer?.files)
            }}
          >
            <label class="field__label" for={`${idBase}-file`}>
              {tAtt('att.add')}
            </label>
            <p class="field__hint" id={`${idBase}-hint`}>
              {tAtt('att.addHint')}
            </p>
            <input
              type="file"
              id={`${idBase}-file`}
              accept={ACCEPT}
              multiple
              aria-describedby={`${idBase}-hint`}
              onChange={(e) => {
                const input = e.currentTarget
                void add(input.files).then(() => {
                  input.value = ''
                })
              }}
            />
            <p class="muted" aria-hidden="true">
              {dragging() ? tAtt('att.dropActive') : tAtt('att.drop')}
            </p>
          </div>
          <p role="status" class={message()?.error ? 'field__error' : 'muted'}>
            {message()?.text ?? ''}
          </p>
        </form>
      </Show>
      <Show when={items().length > 0} fallback={<p class="empty">{tAtt('att.none')}</p>}>
        <ul class="sp-list sp-attachments__list">
          <For each={items()}>
            {(a) => {
              const s = () => local(a.id)
              const kind = attachmentKind(a.type)
              return (
                <li class="sp-item sp-attachment" data-attachment={a.id}>
                  <div class="sp-item__head">
                    <h3 class="sp-item__title sp-attachment__name">{a.name}</h3>
                    <span class="sp-attachment__state" data-state={s().waiting ? 'waiting' : s().kept ? 'kept' : 'sent'}>
                      {stateText(a)}
                    </span>
                  </div>
                  <p class="sp-attachment__facts">
                    {tAtt(`att.kind.${kind}`)} · {sizeText(a.size)} · {tAtt('att.by', { name: who(a), date: formatDateTime(a.createdAt) })}
                  </p>
                  <Show when={s().progress}>
                    {(p) => {
                      const label = () => `${p().op === 'upload' ? tAtt('att.uploading') : tAtt('att.downloading')} ${a.name}`
                      return (
                        // a native <progress>: role progressbar, its value read out, no inline style (CSP)
                        <progress
                          class="sp-attachment__progress"
                          aria-label={label()}
                          max={p().total}
                          value={p().done}
                          aria-valuetext={tAtt('att.progress', { done: p().done, total: p().total })}
                        />
                      )
                    }}
                  </Show>
                  <Show when={s().error && !s().progress}>
                    <p class="field__error">{errorText(s().error)}</p>
                  </Show>
                  <div class="sp-attachment__actions">
                    <Show when={kind === 'pdf' || kind === 'image'}>
                      <button type="button" class="button button--small" onClick={() => void open(a)}>
                        {tAtt('att.open')}
                        <span class="visually-hidden"> {a.name}</span>
                      </button>
                    </Show>
                    <button type="button" class="button button--small button--secondary" onClick={() => void save(a)}>
                      {tAtt('att.save')}
                      <span class="visually-hidden"> {a.name}</span>
                    </button>
                    <span class="sp-check">
                      <input type="checkbox" id={`${idBase}-keep-${a.id}`} checked={s().kept} onChange={(e) => void keep(a, e.currentTarget.checked)} />
                      <label for={`${idBase}-keep-${a.id}`}>
                        {tAtt('att.keep')}
                        <span class="visually-hidden"> {a.name}</span>
                      </label>
                    </span>
                    <Show when={mayRemoveAttachment(a, props.role(), (k) => session.isMine(k))}>
                      <button type="button" class="button button--small button--danger" onClick={() => removal.ask(a)}>
                        {tAtt('att.remove')}
                        <span class="visually-hidden"> {a.name}</span>
                      </button>
                    </Show>
                  </div>
                  <Show when={itemError()?.id === a.id}>
                    <p class="field__error" role="alert">
                      {itemError()?.text}
                    </p>
                  </Show>
                </li>
              )
            }}
          </For>
        </ul>
      </Show>
      <Dialog open={preview() !== null} onClose={closePreview} id={`${idBase}-preview`} title={tAtt('att.preview', { name: preview()?.name ?? '' })}>
        <Show when={preview()}>
          {(p) => (
            <div class="sp-attachments__preview">
              <Show when={p().kind === 'image'} fallback={<iframe src={p().url} title={p().name} class="sp-attachments__pdf" />}>
                <img src={p().url} alt={p().name} />
              </Show>
            </div>
          )}
        </Show>
      </Dialog>
      <ConfirmDangerDialog
        open={removal.target() !== null}
        id={`${idBase}-remove`}
        title={tAtt('att.removeTitle')}
        lead={tAtt('att.removeLead', { name: removal.target()?.name ?? '' })}
        consequences={[tAtt('att.removeWho'), tAtt('att.removeDevice')]}
        error={removal.error()}
        busy={removal.busy()}
        confirmLabel={tAtt('att.removeConfirm')}
        busyLabel={tAtt('att.removeBusy')}
        cancelLabel={tAtt('att.cancel')}
        onConfirm={() => void removal.confirm()}
        onCancel={removal.cancel}
      />
    </section>
  )
}
