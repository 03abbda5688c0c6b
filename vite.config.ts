import type { Plugin } from 'vite'
import { defineConfig } from 'vitest/config'
import solid from 'vite-plugin-solid'
import { VitePWA } from 'vite-plugin-pwa'
import { CONTENT_SECURITY_POLICY_META } from './server/http/csp'

const RELAY = 'http://localhost:8080'

function cspMeta(): Plugin {
  return {
    name: 'samenplan-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY_META }, injectTo: 'head-prepend' },
    ],
  }
}

// Unit and integration tests run in Node and need none of the browser plugins (vite-plugin-solid
// would switch vitest to jsdom, which breaks libsodium).
const underVitest = Boolean(process.env.VITEST)

export default defineConfig({
  plugins: underVitest
    ? []
    : [
        solid(),
        cspMeta(),
        VitePWA({
          strategies: 'generateSW',
          registerType: 'prompt',
          injectRegister: false, // registered from src/main.tsx: the CSP allows no inline script
          includeAssets: ['icon.svg'],
          manifest: {
            name: 'Samenplan',
            short_name: 'Samenplan',
            description: 'Eén kind, één plan: samen werken aan één ondersteuningsplan, versleuteld en ook offline.',
            lang: 'nl',
            dir: 'ltr',
            start_url: '/',
            scope: '/',
            display: 'standalone',
            background_color: '#f7f5f0',
            theme_color: '#0b5d5e',
            icons: [
              { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
              { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
              { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
              { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
            ],
          },
          workbox: {
            // Web Push: the push and notification handlers (public/push-sw.js)
            importScripts: ['/push-sw.js'],
            clientsClaim: true,
            // a new version waits for consent and for every change to be synced (src/ui/serviceWorker.ts)
            skipWaiting: false,
            navigateFallback: '/index.html',
            navigateFallbackDenylist: [/^\/sync\//, /^\/health/],
            globPatterns: ['**/*.{js,css,html,svg,png,wasm,webmanifest}'],
            maximumFileSizeToCacheInBytes: 4 * 1024 * 1024, // the libsodium chunk inlines its wasm (~1 MB)
            cleanupOutdatedCaches: true,
          },
        }),
      ],
  server: {
    proxy: {
      '/sync': { target: RELAY, ws: true, changeOrigin: true },
      '/health': { target: RELAY, changeOrigin: true },
    },
  },
  preview: {
    proxy: {
      '/sync': { target: RELAY, ws: true, changeOrigin: true },
      '/health': { target: RELAY, changeOrigin: true },
    },
  },
  optimizeDeps: {
    include: ['libsodium-wrappers-sumo', 'yjs', 'y-protocols/awareness', 'y-indexeddb', 'y-websocket', 'quill/core', 'quill-cursors/core', 'y-quill'],
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1200, // the libsodium chunk (loaded lazily) is ~1 MB
  },
  test: {
    environment: 'node',
  },
})
