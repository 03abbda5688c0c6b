/**
 * Serves the built PWA from STATIC_DIR. Hashed files under `assets/` are cached for a year;
 * everything else is revalidated (ETag), and `index.html` and `sw.js` are never served stale,
 * so an update reaches users on their next visit. A path that names no file and has no
 * extension is a deep link into the app: it gets `index.html`.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
}

const IMMUTABLE = 'public, max-age=31536000, immutable'
const REVALIDATE = 'no-cache'

function cacheControlFor(relative: string): string {
  return relative.startsWith('assets/') ? IMMUTABLE : REVALIDATE
}

/** Resolves a URL path inside `root`, or null when it would leave it. */
function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const full = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`)
  return full === root || full.startsWith(root + path.sep) ? full : null
}

function fileAt(full: string): fs.Stats | null {
  try {
    const stat = fs.statSync(full)
    return stat.isFile() ? stat : null
  } catch {
    return null
  }
}

export function createStaticHandler(staticDir: string): (req: IncomingMessage, res: ServerResponse, pathname: string) => void {
  const root = path.resolve(staticDir)
  const indexFile = path.join(root, 'index.html')

  function send(req: IncomingMessage, res: ServerResponse, full: string, stat: fs.Stats, cacheControl: string): void {
    const etag = `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`
    res.setHeader('Content-Type', MIME[path.extname(full).toLowerCase()] ?? 'application/octet-stream')
    res.setHeader('Cache-Control', cacheControl)
    res.setHeader('ETag', etag)
    if (req.headers['if-none-match'] === etag) {
      res.statusCode = 304
      res.end()
      return
    }
    res.setHeader('Content-Length', stat.size)
    res.statusCode = 200
    if (req.method === 'HEAD') {
      res.end()
      return
    }
    fs.createReadStream(full)
      .on('error', () => res.destroy())
      .pipe(res)
  }

  return (req, res, pathname) => {
    const full = resolveInside(root, pathname.endsWith('/') ? `${pathname}index.html` : pathname)
    const stat = full ? fileAt(full) : null
    if (full && stat) {
      const relative = path.relative(root, full).split(path.sep).join('/')
      return send(req, res, full, stat, cacheControlFor(relative))
    }
    // a deep link (/plan/abc) is a route of the app; a missing file (/assets/x.js) is a 404
    const lastSegment = pathname.slice(pathname.lastIndexOf('/') + 1)
    const index = fileAt(indexFile)
    if (full && !lastSegment.includes('.') && index) return send(req, res, indexFile, index, REVALIDATE)
    res.statusCode = 404
    res.setHeader('Content-Type', 'text/plain; charset=utf-8')
    res.setHeader('Cache-Control', REVALIDATE)
    res.end(index ? 'Not found\n' : 'Not found (the app is not built: run `npm run build`)\n')
  }
}
